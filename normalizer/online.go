package normalizer

import (
	"regexp"
	"strings"
)

// reOnlineEvent finds, in folded lower-case text, the words that say an
// event takes place online: a webinar, an online or virtual event, one
// held "en ligne", "findet virtuell statt", and links to video meetings.
var reOnlineEvent = regexp.MustCompile(`\bwebinar|\bwebinaire|\bwebinario|\bwebinarium|` +
	`\bonline[- ]?(event|seminar|workshop|meeting|session|conference|training|course|talk|debate|discussion|` +
	`veranstaltung|konferenz|tagung|fortbildung|schulung|sitzung|diskussion|vortrag|austausch)|` +
	`\b(held|takes place|take place|hosted|run|streamed|join us) online\b|` +
	`\bfindet (online|virtuell|digital) statt|\bvirtuelle[nrs]? (veranstaltung|konferenz|tagung|treffen|seminar)|` +
	`\bvirtual (event|meeting|conference|session|seminar|workshop)|` +
	`\b(se tiendra|aura lieu|se deroulera|se deroule|organise|organisee|a lieu) (entierement )?en ligne|` +
	`\b(webinaire|seminaire|atelier|conference|reunion|rencontre|session|formation|evenement|table ronde) en ligne|` +
	`\bvisioconference\b|\b(evento|incontro|seminario|corso|workshop|conferenza) (online|in streaming)|` +
	`(^|\P{L})διαδικτυακ\p{L}* (σεμιναρι|εκδηλωσ|συναντησ|ημεριδ|συζητησ)|` +
	meetingLinks)

// reMeetingLink finds a link to a video meeting.
var reMeetingLink = regexp.MustCompile(meetingLinks)

// meetingLinks are the addresses of video meeting services.
const meetingLinks = `zoom\.us/(j|my|w)/|teams\.microsoft\.com/l/meetup-join|teams\.live\.com/meet|meet\.google\.com/|` +
	`\.webex\.com/|whereby\.com/|meet\.jit\.si/|gotomeeting\.com/|bigbluebutton`

// onlineText is how much of the text is read for the words of an online
// event: an event says how it takes place near the start.
const onlineText = 1500

// onlineEvent reports whether an event with title, text and venue takes
// place online. A venue decides when there is one: online when it says so
// without a street address ("Online (video conference)", "En ligne"), not
// when it is a place, even one also streamed ("Vienna, and online"). With
// no venue, the title and the start of the text decide.
func onlineEvent(title, text, venue string) bool {
	if strings.TrimSpace(venue) != "" {
		v := fold(venue)
		return onlineOnly(venue) || reMeetingLink.MatchString(v) ||
			reOnlineEvent.MatchString(v) && !strings.ContainsAny(venue, "0123456789")
	}
	if len(text) > onlineText {
		text = text[:onlineText]
	}
	return reOnlineEvent.MatchString(fold(title)) || reOnlineEvent.MatchString(fold(text))
}
