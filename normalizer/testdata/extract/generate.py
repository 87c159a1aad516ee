#!/usr/bin/env python3
"""Builds the extraction evaluation set: pages/{dev,heldout}/NAME.html and
NAME.txt (the article body a reader would call the article, as the
public benchmarks' articleBody: without the title; with its headings, paragraphs, lists, tables, quotations, captions; no byline, date,
navigation, share bar, tags, related links, comments or banners).

Article bodies are in articles.txt; page layouts are the functions below,
each modelled on a kind of site the hub harvests. Every text here was
written for this set. Run from this folder: python3 generate.py
The output is committed; the test reads the files, not this script.
"""
import html
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))

E = html.escape

# Chrome in the language of the page: (home, cookie notice, share, related,
# comments, newsletter, read more, tags, menu items).
CHROME = {
    "en": ("Home", "We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies. You can change your settings at any time.", "Share this page", "Related articles", "Comments", "Subscribe to our newsletter and get the latest news on integration every month.", "Read more", "Tags", ["News", "About us", "Our work", "Publications", "Events", "Contact"]),
    "fr": ("Accueil", "Ce site utilise des cookies pour améliorer votre expérience. En poursuivant votre navigation, vous acceptez leur utilisation. Vous pouvez modifier vos préférences à tout moment.", "Partager", "Articles similaires", "Commentaires", "Abonnez-vous à notre lettre d'information pour recevoir chaque mois nos actualités.", "Lire la suite", "Mots-clés", ["Actualités", "Qui sommes-nous", "Nos actions", "Publications", "Agenda", "Contact"]),
    "de": ("Startseite", "Diese Website verwendet Cookies, um Ihnen das beste Nutzungserlebnis zu bieten. Wenn Sie weitersurfen, stimmen Sie der Verwendung von Cookies zu.", "Seite teilen", "Das könnte Sie auch interessieren", "Kommentare", "Abonnieren Sie unseren Newsletter und erhalten Sie monatlich alle Neuigkeiten.", "Weiterlesen", "Schlagwörter", ["Aktuelles", "Über uns", "Projekte", "Publikationen", "Termine", "Kontakt"]),
    "el": ("Αρχική", "Χρησιμοποιούμε cookies για να βελτιώσουμε την εμπειρία σας. Συνεχίζοντας την περιήγηση, αποδέχεστε τη χρήση τους.", "Κοινοποίηση", "Σχετικά άρθρα", "Σχόλια", "Εγγραφείτε στο ενημερωτικό μας δελτίο για να λαμβάνετε τα νέα μας κάθε μήνα.", "Διαβάστε περισσότερα", "Ετικέτες", ["Νέα", "Ποιοι είμαστε", "Δράσεις", "Εκδόσεις", "Εκδηλώσεις", "Επικοινωνία"]),
    "bg": ("Начало", "Този сайт използва бисквитки, за да подобри вашето преживяване. Като продължите, вие се съгласявате с тяхното използване.", "Споделете", "Свързани статии", "Коментари", "Абонирайте се за нашия бюлетин, за да получавате новините ни всеки месец.", "Прочетете още", "Етикети", ["Новини", "За нас", "Дейности", "Публикации", "Събития", "Контакти"]),
    "mt": ("Paġna ewlenija", "Dan is-sit juża cookies biex itejjeb l-esperjenza tiegħek. Jekk tkompli tuża s-sit, taqbel mal-użu tagħhom.", "Aqsam", "Artikli relatati", "Kummenti", "Abbona għan-newsletter tagħna biex tirċievi l-aħbarijiet kull xahar.", "Aqra aktar", "Tikketti", ["Aħbarijiet", "Dwarna", "Servizzi", "Pubblikazzjonijiet", "Avvenimenti", "Ikkuntattjana"]),
    "it": ("Home", "Questo sito utilizza cookie per migliorare la tua esperienza. Proseguendo la navigazione accetti l'uso dei cookie.", "Condividi", "Articoli correlati", "Commenti", "Iscriviti alla nostra newsletter per ricevere ogni mese le novità.", "Leggi tutto", "Tag", ["Notizie", "Chi siamo", "Servizi", "Pubblicazioni", "Eventi", "Contatti"]),
    "pl": ("Strona główna", "Ta strona korzysta z plików cookie. Korzystając ze strony, wyrażasz zgodę na ich używanie zgodnie z ustawieniami przeglądarki.", "Udostępnij", "Powiązane artykuły", "Komentarze", "Zapisz się do naszego newslettera, aby co miesiąc otrzymywać aktualności.", "Czytaj więcej", "Tagi", ["Aktualności", "O nas", "Sprawy", "Publikacje", "Wydarzenia", "Kontakt"]),
    "es": ("Inicio", "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, consideramos que acepta su uso.", "Compartir", "Noticias relacionadas", "Comentarios", "Suscríbase a nuestro boletín para recibir cada mes las novedades.", "Leer más", "Etiquetas", ["Actualidad", "Quiénes somos", "Trámites", "Publicaciones", "Agenda", "Contacto"]),
    "nl": ("Home", "Deze website gebruikt cookies om uw ervaring te verbeteren. Door verder te surfen gaat u akkoord met het gebruik van cookies.", "Delen", "Gerelateerde artikelen", "Reacties", "Schrijf u in voor onze nieuwsbrief en ontvang elke maand het laatste nieuws.", "Lees meer", "Tags", ["Nieuws", "Over ons", "Onderwerpen", "Publicaties", "Agenda", "Contact"]),
    "pt": ("Início", "Este sítio utiliza cookies para melhorar a sua experiência. Ao continuar a navegar, aceita a sua utilização.", "Partilhar", "Notícias relacionadas", "Comentários", "Subscreva a nossa newsletter para receber as novidades todos os meses.", "Ler mais", "Etiquetas", ["Notícias", "Sobre nós", "Serviços", "Publicações", "Eventos", "Contactos"]),
}

COMMENTERS = ["Maria K.", "jonas_b", "Fatima", "Peter van D.", "Ioana", "A reader", "Samir H.", "Ewa"]
COMMENTS_EN = [
    "This is a great initiative, but why does it only start in September? People who arrive in spring will have to wait for months before they can learn anything, and by then many have already taken the first job they could find.",
    "I took part in a similar course last year and it changed everything for me. The teachers were patient and the childcare meant that I could finally come to every lesson instead of missing half of them.",
    "Twice a week is not enough in my opinion. In our town the courses were every day and people made much faster progress, especially those who had never studied a foreign language before.",
    "Does anyone know if the classes are also open to people who have lived here longer than three years? My neighbour has been here for five years and still struggles with letters from the tax office.",
    "Good news, but the libraries are not easy to reach without a car. The council should think about the bus connections in the evening, otherwise only people from the centre will come.",
    "We run a volunteer group that helps with homework after the classes. If anyone wants to join us, we meet on Wednesdays in the community centre next to the station.",
    "I hope the council also thinks about people who work at night. Shift work is very common among newcomers, and switching groups does not help if both groups are in the evening.",
    "Our organisation would be happy to help spread the word. Is there a leaflet in other languages that we can print and hand out at our advice sessions?",
]


def parse_articles():
    arts = []
    cur = None
    block = []

    def flush():
        if cur is not None and block:
            cur["blocks"].append(list(block))
        block.clear()

    for line in open(os.path.join(HERE, "articles.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# ") or line == "#":
            continue
        if line.startswith("=== "):
            flush()
            _, aid, lang, split = line.split()
            cur = {"id": aid, "lang": lang, "split": split, "title": None, "blocks": []}
            arts.append(cur)
            continue
        if cur is None:
            continue
        if cur["title"] is None:
            if line.strip():
                cur["title"] = line.strip()
            continue
        if not line.strip():
            flush()
            continue
        block.append(line)
    flush()
    return arts


def body_html(a, p="p", extra_between=None):
    """The article's blocks as HTML; extra_between(i) may return HTML to
    insert after block i (ads, newsletter boxes)."""
    out = []
    for i, b in enumerate(a["blocks"]):
        first = b[0]
        if first.startswith("## "):
            out.append("<h2>%s</h2>" % E(first[3:]))
        elif first.startswith("- "):
            out.append("<ul>" + "".join("<li>%s</li>" % E(l[2:]) for l in b) + "</ul>")
        elif first.startswith("| "):
            rows = [[c.strip() for c in l.strip("| ").split(" | ")] for l in b]
            t = "<table><thead><tr>" + "".join("<th>%s</th>" % E(c) for c in rows[0]) + "</tr></thead><tbody>"
            for r in rows[1:]:
                t += "<tr>" + "".join("<td>%s</td>" % E(c) for c in r) + "</tr>"
            out.append(t + "</tbody></table>")
        elif first.startswith("> "):
            out.append("<blockquote><p>%s</p></blockquote>" % E(" ".join(l[2:] for l in b)))
        else:
            out.append("<%s>%s</%s>" % (p, E(" ".join(b)), p))
        if extra_between:
            x = extra_between(i)
            if x:
                out.append(x)
    return "\n".join(out)


def truth(a):
    parts = []
    for b in a["blocks"]:
        first = b[0]
        if first.startswith("## "):
            parts.append(first[3:])
        elif first.startswith("- "):
            parts.append("\n".join(l[2:] for l in b))
        elif first.startswith("| "):
            parts.append("\n".join(" ".join(c.strip() for c in l.strip("| ").split(" | ")) for l in b))
        elif first.startswith("> "):
            parts.append(" ".join(l[2:] for l in b))
        else:
            parts.append(" ".join(b))
    return "\n\n".join(parts) + "\n"


def head(a, title_suffix, extra=""):
    return ('<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n<title>%s%s</title>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="stylesheet" href="/assets/site.css">\n<script src="/assets/analytics.js"></script>\n%s</head>\n'
            % (a["lang"], E(a["title"]), E(title_suffix), extra))


def ch(a):
    return CHROME[a["lang"]]


def menu(a, cls="menu"):
    return '<ul class="%s">' % cls + "".join('<li><a href="/%s">%s</a></li>' % (i, E(m)) for i, m in enumerate(ch(a)[8])) + "</ul>"


def related_titles(rng, n):
    pool = ["Ministers agree on a common approach to labour shortages", "New guide for schools welcoming pupils from Ukraine",
            "Annual report on asylum and migration published", "Cities call for more flexible use of EU funds",
            "Volunteers needed for the summer language camp", "How one town turned an empty school into a welcome centre",
            "Study: discrimination in hiring remains widespread", "Health mediators reduce missed appointments by a third",
            "Survey of employers on hiring refugees", "Young migrants train as bus drivers", "Festival of cultures returns to the old harbour",
            "Council approves plan for affordable housing", "Call for experts on migrant entrepreneurship"]
    rng.shuffle(pool)
    return pool[:n]


def comments(rng, lang, n):
    out = ['<section id="comments" class="comments-area"><h2 class="comments-title">%d %s</h2><ol class="comment-list">' % (n, ch({"lang": lang})[4])]
    for i in range(n):
        out.append('<li class="comment" id="comment-%d"><article class="comment-body"><footer class="comment-meta"><b class="fn">%s</b> <time datetime="2026-09-%02dT10:%02d:00+02:00">%d September 2026</time></footer>'
                   '<div class="comment-content"><p>%s</p></div><div class="reply"><a class="comment-reply-link" href="#reply">Reply</a></div></article></li>'
                   % (i, COMMENTERS[i % len(COMMENTERS)], 1 + i, i, 1 + i, E(COMMENTS_EN[i % len(COMMENTS_EN)])))
    out.append('</ol><div id="respond" class="comment-respond"><h3>Leave a reply</h3><form action="/wp-comments-post.php" method="post"><p><label>Comment</label><textarea name="comment"></textarea></p><p><input type="submit" value="Post comment"></p></form></div></section>')
    return "\n".join(out)


def footer_links(a):
    return ('<footer class="site-footer"><div class="footer-cols"><div><h4>%s</h4>%s</div><div><h4>Legal</h4><ul><li><a href="/legal">Legal notice</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/cookies">Cookie policy</a></li><li><a href="/accessibility">Accessibility statement</a></li></ul></div></div>'
            '<p class="copyright">© 2026 All rights reserved.</p></footer>' % (E(ch(a)[0]), menu(a, "footer-menu")))


# Layouts ---------------------------------------------------------------

def ministry(a, rng):
    """A national ministry: cookie banner, header with menu, breadcrumbs,
    <main> with the article, a sidebar of links, a big footer."""
    c = ch(a)
    return head(a, " | Ministry of the Interior") + '''<body class="page-node">
<div id="cookie-banner" class="cookie-banner"><p>%s</p><button>OK</button><a href="/cookies">%s</a></div>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header"><div class="logo"><a href="/"><img src="/logo.png" alt="Ministry of the Interior"></a></div><nav class="main-nav">%s</nav><form class="search-form" action="/search"><input name="q"><button>Search</button></form></header>
<div class="breadcrumb"><a href="/">%s</a> › <a href="/news">%s</a> › %s</div>
<div class="container">
<main id="main" role="main">
<h1>%s</h1>
<p class="date">Published: 24 November 2026</p>
%s
<div class="share-buttons"><span>%s:</span> <a href="https://facebook.example/share">Facebook</a> <a href="https://x.example/share">X</a> <a href="mailto:?subject=x">E-mail</a></div>
</main>
<aside class="sidebar"><h2>In this section</h2><ul><li><a href="/a">Residence permits</a></li><li><a href="/b">Citizenship</a></li><li><a href="/c">Integration courses</a></li><li><a href="/d">Statistics</a></li></ul></aside>
</div>
%s
</body></html>''' % (E(c[1]), E(c[6]), menu(a), E(c[0]), E(c[8][0]), E(a["title"][:40]), E(a["title"]), body_html(a), E(c[2]), footer_links(a))


def eu_institution(a, rng):
    """An EU institution page: ECL-like component classes, a language list,
    page header outside the content column, a sidebar of related links."""
    c = ch(a)
    langs = "".join('<li><a href="?lang=%s" hreflang="%s">%s</a></li>' % (l, l, n) for l, n in [("bg", "български"), ("es", "español"), ("cs", "čeština"), ("da", "dansk"), ("de", "Deutsch"), ("et", "eesti"), ("el", "ελληνικά"), ("en", "English"), ("fr", "français"), ("ga", "Gaeilge"), ("hr", "hrvatski"), ("it", "italiano"), ("mt", "Malti"), ("pl", "polski"), ("pt", "português")])
    rel = "".join('<li class="ecl-list-item"><a href="/r%d">%s</a></li>' % (i, E(t)) for i, t in enumerate(related_titles(rng, 6)))
    return head(a, " - European Commission") + '''<body>
<div class="cck" id="cookie-consent-banner"><div class="cck-content"><p>%s</p><a href="#accept" class="ecl-button">Accept all cookies</a><a href="#refuse" class="ecl-button">Accept only essential cookies</a></div></div>
<header class="ecl-site-header"><div class="ecl-site-header__language"><ul class="ecl-language-list">%s</ul></div>
<div class="ecl-menu">%s</div></header>
<nav class="ecl-breadcrumb" aria-label="You are here:"><ol><li><a href="/">European Commission</a></li><li><a href="/news">Newsroom</a></li></ol></nav>
<div class="ecl-page-header"><div class="ecl-page-header__meta">News article | 25 November 2026 | Directorate-General for Migration and Home Affairs</div><h1 class="ecl-page-header__title">%s</h1></div>
<div class="ecl-container"><div class="ecl-row">
<div class="ecl-col-l-9"><div class="ecl-u-type-paragraph">
%s
</div>
<div class="ecl-social-media-share"><p>%s</p><a href="#">Facebook</a> <a href="#">LinkedIn</a> <a href="#">E-mail</a></div>
</div>
<div class="ecl-col-l-3"><div class="ecl-u-mb-l"><h2>%s</h2><ul class="ecl-unordered-list">%s</ul></div><div><h2>Details</h2><dl><dt>Publication date</dt><dd>25 November 2026</dd><dt>Author</dt><dd>Directorate-General for Migration and Home Affairs</dd></dl></div></div>
</div></div>
<footer class="ecl-site-footer"><p>Contact the European Commission</p><p>Follow the European Commission on social media</p><ul><li><a href="#">Language policy</a></li><li><a href="#">Cookies</a></li><li><a href="#">Privacy policy</a></li><li><a href="#">Legal notice</a></li></ul></footer>
</body></html>''' % (E(c[1]), langs, menu(a, "ecl-menu__list"), E(a["title"]), body_html(a), E(c[2]), E(c[3]), rel)


def wordpress(a, rng):
    """A WordPress NGO blog: masthead, entry header with meta, entry content,
    tags in the entry footer, post navigation, a comments section and a
    widget sidebar."""
    c = ch(a)
    tags = "".join('<a href="/tag/%d" rel="tag">%s</a>, ' % (i, t) for i, t in enumerate(["integration", "volunteering", "community", "language", "employment"]))
    widgets = '<section class="widget widget_recent_entries"><h2 class="widget-title">Recent posts</h2><ul>%s</ul></section><section class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul><li><a href="/2026/11">November 2026</a></li><li><a href="/2026/10">October 2026</a></li><li><a href="/2026/09">September 2026</a></li></ul></section>' % "".join('<li><a href="/p%d">%s</a></li>' % (i, E(t)) for i, t in enumerate(related_titles(rng, 5)))
    return head(a, " – Welcome Network", '<meta property="og:type" content="article">\n') + '''<body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Welcome Network</a></p><p class="site-description">Together for an open city</p><nav id="site-navigation" class="main-navigation">%s</nav></header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-412" class="post-412 post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">%s</h1><div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published" datetime="2026-11-20T09:00:00+01:00">20 November 2026</time></span> <span class="byline">by <a href="/author/lea">Lea Martin</a></span></div></header>
<div class="entry-content">
%s
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/news">News</a></span> <span class="tags-links">%s: %s</span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="/prev">Previous post: Summer camp for young newcomers</a></div><div class="nav-next"><a href="/next">Next post: Our annual report is out</a></div></div></nav>
%s
</main></div>
<aside id="secondary" class="widget-area">%s</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress</div></footer>
</div></body></html>''' % (menu(a), E(a["title"]), body_html(a), E(c[7]), tags, comments(rng, a["lang"], rng.randint(2, 4)), widgets)


def news_comments(a, rng):
    """A news site: the article is short, the reader comments are long and
    many, inline ads and a "read also" box sit in the body."""
    c = ch(a)

    def between(i):
        if i == 0:
            return '<div class="ad-slot ad-inline"><span>Advertisement</span><a href="https://ads.example/click"><img src="https://ads.example/b.gif" alt=""></a></div>'
        if i == 1:
            return '<aside class="read-also"><strong>%s:</strong> <a href="/x">%s</a></aside>' % (E(c[6]), E(related_titles(rng, 1)[0]))
        return ""
    n = rng.randint(7, 8)
    cm = []
    for i in range(n):
        cm.append('<div class="cmt"><div class="cmt-author">%s</div><div class="cmt-text"><p>%s</p><p>%s</p></div><div class="cmt-actions"><a href="#">Like</a> <a href="#">Reply</a> <a href="#">Report</a></div></div>'
                  % (COMMENTERS[i % 8], E(COMMENTS_EN[i % 8]), E(COMMENTS_EN[(i + 3) % 8])))
    return head(a, " - The Daily Courier") + '''<body>
<div class="top-bar"><a href="/subscribe">Subscribe</a> <a href="/login">Log in</a></div>
<header><div class="brand">The Daily Courier</div><nav>%s</nav></header>
<div class="page">
<article class="story">
<h1 class="headline">%s</h1>
<div class="byline">By Tom Reeves, local affairs reporter · 26 November 2026, 08:14</div>
<div class="share-bar"><a href="#">Facebook</a><a href="#">X</a><a href="#">WhatsApp</a><a href="#">Copy link</a></div>
<div class="story-body">
%s
</div>
</article>
<div class="discussion"><h2>%s (%d)</h2><p class="discussion-rules">Please keep the discussion civil. Comments are moderated.</p>
%s
</div>
<div class="most-read"><h3>Most read</h3><ol>%s</ol></div>
</div>
<footer><p>The Daily Courier · Imprint · Terms · Privacy</p></footer>
</body></html>''' % (menu(a), E(a["title"]), body_html(a, extra_between=between), E(c[4]), n, "\n".join(cm), "".join("<li><a href='/m%d'>%s</a></li>" % (i, E(t)) for i, t in enumerate(related_titles(rng, 5))))


def three_columns(a, rng):
    """A three-column portal built from generic divs only: no <article>,
    <main>, <nav> or meaningful class names on the content."""
    c = ch(a)
    left = "".join('<div class="lnk"><a href="/l%d">%s</a></div>' % (i, E(m)) for i, m in enumerate(c[8] + ["Archive", "Press", "Jobs", "FAQ"]))
    right = "".join('<div class="box-item"><a href="/r%d">%s</a><div class="small">%d Nov 2026</div></div>' % (i, E(t), 10 + i) for i, t in enumerate(related_titles(rng, 7)))
    return head(a, "") + '''<body>
<div class="wrap">
<div class="row top"><div class="col-12"><div class="logo-text">Integration Portal</div><div class="lnks">%s</div></div></div>
<div class="row">
<div class="col-md-3 col-left">%s</div>
<div class="col-md-6 col-center">
<div class="t1">%s</div>
<div class="d1">26.11.2026</div>
<div class="txt">
%s
</div>
</div>
<div class="col-md-3 col-right"><div class="box-title">%s</div>%s</div>
</div>
<div class="row bottom"><div class="col-12">Integration Portal · %s · Legal notice · Privacy</div></div>
</div></body></html>''' % (left, left, E(a["title"]), body_html(a, p="div"), E(c[3]), right, E(c[0]))


def drupal(a, rng):
    """A Drupal government site: regions and blocks, the body in
    field--name-body, a related-content view and a feedback form."""
    c = ch(a)
    rel = "".join('<div class="views-row"><span class="field-content"><a href="/n%d">%s</a></span></div>' % (i, E(t)) for i, t in enumerate(related_titles(rng, 5)))
    return head(a, " | Agency", '<meta name="Generator" content="Drupal 10">\n') + '''<body class="path-node page-node-type-news">
<div class="dialog-off-canvas-main-canvas">
<div class="region region-header"><div id="block-sitebranding">Agency for Integration</div><div id="block-mainmenu">%s</div></div>
<div class="region region-breadcrumb"><div id="block-breadcrumbs"><a href="/">%s</a> / %s</div></div>
<div class="region region-content">
<div id="block-pagetitle"><h1 class="page-title"><span class="field field--name-title">%s</span></h1></div>
<div id="block-content"><div class="node node--type-news node--view-mode-full">
<div class="field field--name-field-date">25.11.2026</div>
<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field__item">
%s
</div></div>
<div class="field field--name-field-tags"><div class="field__label">%s</div><div class="field__items"><div class="field__item"><a href="/t/1">integration</a></div><div class="field__item"><a href="/t/2">residence</a></div></div></div>
</div></div>
<div class="block-views-blockrelated-news"><h2>%s</h2><div class="view-content">%s</div></div>
<div id="block-feedback"><h2>Was this page useful?</h2><form><button>Yes</button><button>No</button></form></div>
</div>
<div class="region region-footer">%s</div>
</div></body></html>''' % (menu(a), E(c[0]), E(c[8][0]), E(a["title"]), body_html(a), E(c[7]), E(c[3]), rel, footer_links(a))


def table_layout(a, rng):
    """An old ministry site laid out in tables, with the article in a cell
    next to a cell of links, and font tags."""
    c = ch(a)
    links = "<br>".join('<a href="/o%d">%s</a>' % (i, E(m)) for i, m in enumerate(c[8] + ["Legislation", "Forms", "Statistics", "Press office"]))
    return head(a, "") + '''<body bgcolor="#ffffff">
<table width="100%%" border="0" cellpadding="0"><tr><td colspan="2"><img src="/img/top.gif" alt="Ministry"> <font size="1"><a href="/">%s</a> | <a href="/sitemap">Sitemap</a> | <a href="/en">English</a></font></td></tr>
<tr><td width="180" valign="top" class="leftnav"><font size="2">%s</font></td>
<td valign="top"><font face="Arial"><h2>%s</h2>
%s
<p><font size="1">Last updated: 12/11/2026</font></p></font></td></tr>
<tr><td colspan="2" align="center"><font size="1">Copyright 2026 · Webmaster · <a href="/privacy">Privacy</a></font></td></tr></table>
</body></html>''' % (E(c[0]), links, E(a["title"]), body_html(a))


def amp(a, rng):
    """An AMP page: amp-sidebar, amp-ad, amp-img, amp-consent, the article
    in <article>."""
    c = ch(a)
    return ('<!doctype html>\n<html amp lang="%s">\n<head><meta charset="utf-8"><title>%s</title><link rel="canonical" href="https://news.example/story/1"><script async src="https://cdn.ampproject.org/v0.js"></script><style amp-custom>body{font-family:sans-serif}</style></head>\n' % (a["lang"], E(a["title"]))) + '''<body>
<amp-consent id="consent" layout="nodisplay"><div class="consent-ui"><p>%s</p><button on="tap:consent.accept">Accept</button></div></amp-consent>
<amp-sidebar id="sidebar" layout="nodisplay" side="left">%s</amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle">☰</button> News Agency</header>
<article>
<h1>%s</h1>
<p class="meta">26/11/2026 · News Agency</p>
<amp-img src="/img/photo.jpg" width="600" height="400" layout="responsive" alt="Photo"></amp-img>
%s
<amp-ad width="300" height="250" type="adsense" data-ad-client="ca-pub-1"></amp-ad>
<amp-social-share type="facebook"></amp-social-share><amp-social-share type="twitter"></amp-social-share>
</article>
<section class="amp-related"><h2>%s</h2><ul>%s</ul></section>
<footer class="amp-footer">News Agency · <a href="/">%s</a></footer>
</body></html>''' % (E(c[1]), menu(a), E(a["title"]), body_html(a), E(c[3]), "".join("<li><a href='/z%d'>%s</a></li>" % (i, E(t)) for i, t in enumerate(related_titles(rng, 4))), E(c[0]))


def print_friendly(a, rng):
    """A print-friendly version: almost nothing but the article, a printed
    URL and a "print" link."""
    return head(a, " (print version)") + '''<body class="print">
<div class="print-logo"><img src="/logo-print.png" alt="Logo"></div>
<div class="print-content">
<h1>%s</h1>
%s
</div>
<div class="print-footer">Source URL: https://www.agency.example/news/2026/item-%d</div>
<div class="print-link"><a href="javascript:window.print()">Print this page</a></div>
</body></html>''' % (E(a["title"]), body_html(a), rng.randint(100, 999))


def tag_cloud(a, rng):
    """A blog where the article, a long related-links list and a tag cloud
    share one container with no marking between them."""
    c = ch(a)
    cloud = " ".join('<a href="/tag/%d" style="font-size:%dpx">%s</a>' % (i, 10 + i % 9, w) for i, w in enumerate(
        "asylum citizenship education employment housing health integration language migration refugees schools volunteering women youth cities funding research statistics rights discrimination".split()))
    rel = "".join('<li><a href="/rel%d">%s</a></li>' % (i, E(t)) for i, t in enumerate(related_titles(rng, 10)))
    return head(a, "") + '''<body>
<div id="top"><div class="title">Migration Blog</div><div class="nav">%s</div></div>
<div id="wrapper"><div class="post">
<h1>%s</h1>
<div class="info">Posted 22 November 2026 in <a href="/c/news">News</a> · 4 min read</div>
%s
<h3>%s</h3>
<ul class="links">%s</ul>
<h3>%s</h3>
<div class="cloud">%s</div>
</div></div>
<div id="bottom">© Migration Blog 2026</div>
</body></html>''' % (menu(a), E(a["title"]), body_html(a), E(c[3]), rel, E(c[7]), cloud)


def newsletter_inline(a, rng):
    """An NGO page with a newsletter box and a donation appeal inside the
    article's own column, and a hero banner above."""
    c = ch(a)

    def between(i):
        if i == 1:
            return '<div class="nl-box"><h4>Newsletter</h4><p>%s</p><form><input type="email" placeholder="E-mail"><button>OK</button></form></div>' % E(c[5])
        return ""
    return head(a, "") + '''<body>
<div class="hero"><div class="hero-title">Together we welcome</div><a class="btn" href="/donate">Donate now</a></div>
<div class="menu-bar">%s</div>
<div class="content-wrap"><div class="col-main">
<h1>%s</h1>
%s
<div class="donate-box"><p>Our work depends on donations from people like you. A gift of 20 euros pays for one month of language lessons for a child.</p><a href="/donate">Donate</a></div>
</div>
<div class="col-side"><div class="partner-logos"><p>Our partners</p><img src="/p1.png" alt="Partner one"><img src="/p2.png" alt="Partner two"></div><div class="events-box"><p>Upcoming events</p><ul><li>3 December: open day</li><li>10 December: volunteer training</li></ul></div></div>
</div>
<div class="site-foot">Registered charity · <a href="/imprint">Imprint</a></div>
</body></html>''' % (menu(a), E(a["title"]), body_html(a, extra_between=between))


def css_modules(a, rng):
    """A modern single-page-app news site with hashed class names: nothing
    but structure tells content from chrome."""
    c = ch(a)
    return head(a, "") + '''<body><div id="__next"><div class="sc-a1b2c3 kXyZ">
<div class="sc-d4e5f6 hQwErt"><div class="sc-g7h8 pLmN">%s</div></div>
<div class="sc-i9j0 aBcDeF"><div class="sc-k1l2 gHiJ">
<h1 class="sc-m3n4 tYuI">%s</h1>
<div class="sc-o5p6 zXcV"><span>Newsroom</span><span>25.11.2026</span></div>
<div class="sc-q7r8 bNmL">%s</div>
<div class="sc-s9t0 qAzW"><button>%s</button></div>
</div>
<div class="sc-u1v2 eDcR"><div class="sc-w3x4">%s</div>%s</div>
</div>
<div class="sc-y5z6 rFvT">%s · Impressum · Datenschutz</div>
</div></div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{}}}</script></body></html>''' % (
        menu(a), E(a["title"]), body_html(a), E(c[2]), E(c[3]),
        "".join('<div class="sc-ab12"><a href="/s%d">%s</a></div>' % (i, E(t)) for i, t in enumerate(related_titles(rng, 6))), E(c[0]))


def gov_uk_like(a, rng):
    """A government service page: phase banner, contents list, the body,
    "Is this page useful?" and a long footer of departments."""
    c = ch(a)
    depts = "".join('<li><a href="/d%d">Department %d</a></li>' % (i, i) for i in range(12))
    return head(a, " - Gov") + '''<body class="govuk-template__body">
<div id="global-cookie-message" class="gem-c-cookie-banner"><p>%s</p><button>Accept additional cookies</button><button>Reject additional cookies</button></div>
<header class="govuk-header"><a href="/" class="govuk-header__link">GOV</a><nav>%s</nav></header>
<div class="govuk-width-container"><div class="govuk-phase-banner"><strong>BETA</strong> This is a new service – your feedback will help us to improve it.</div>
<div class="govuk-breadcrumbs"><ol><li><a href="/">%s</a></li><li><a href="/immigration">Immigration</a></li></ol></div>
<main class="govuk-main-wrapper" id="main-content" role="main">
<div class="gem-c-title"><span class="gem-c-title__context">Press release</span><h1 class="gem-c-title__text">%s</h1></div>
<div class="gem-c-metadata"><dl><dt>From:</dt><dd><a href="/home-office">Home Office</a></dd><dt>Published</dt><dd>26 November 2026</dd></dl></div>
<div class="gem-c-contents-list"><h2>Contents</h2><ol><li><a href="#a">Overview</a></li><li><a href="#b">Details</a></li></ol></div>
<div class="govuk-govspeak">
%s
</div>
<div class="gem-c-print-link"><a href="#print">Print this page</a></div>
<div class="gem-c-feedback"><h2>Is this page useful?</h2><a href="#yes">Yes</a> <a href="#no">No</a> <a href="#report">Report a problem with this page</a></div>
</main></div>
<footer class="govuk-footer"><h2>Departments</h2><ul>%s</ul><p>All content is available under the Open Government Licence v3.0, except where otherwise stated</p></footer>
</body></html>''' % (E(c[1]), menu(a), E(c[0]), E(a["title"]), body_html(a), depts)


def press_release(a, rng):
    """A press release with a contacts box and a downloads list after the
    text, and a language switcher with hreflang alternates."""
    c = ch(a)
    alt = "".join('<link rel="alternate" hreflang="%s" href="https://agency.example/%s/press/42">\n' % (l, l) for l in ["en", "fr", "de", a["lang"]])
    return head(a, "", alt) + '''<body>
<div class="lang-switch"><a href="/en/">EN</a> <a href="/fr/">FR</a> <a href="/de/">DE</a></div>
<div class="header"><img src="/logo.svg" alt="Agency"><div class="menu">%s</div></div>
<div id="content">
<div class="press-release">
<div class="pr-label">Press release · Brussels, 26 November 2026</div>
<h1>%s</h1>
%s
</div>
<div class="contacts"><h3>Press contacts</h3><p>Anna Schmidt, spokesperson · +32 2 000 00 00 · press@agency.example</p></div>
<div class="downloads"><h3>Downloads</h3><ul><li><a href="/f1.pdf">Full text (PDF, 240 KB)</a></li><li><a href="/f2.pdf">Factsheet (PDF, 120 KB)</a></li></ul></div>
</div>
<div class="footer">%s</div>
</body></html>''' % (menu(a), E(a["title"]), body_html(a), footer_links(a))


def event_page(a, rng):
    """An event page: the practical details in a definition list beside the
    description, a registration button and an "add to calendar" bar."""
    c = ch(a)
    return head(a, "") + '''<body>
<header id="header"><div class="brand">Network of Cities</div><ul class="nav-list">%s</ul></header>
<section class="event">
<div class="event-main">
<h1>%s</h1>
<div class="event-description">
%s
</div>
<a class="button" href="/register">Register</a>
</div>
<div class="event-info"><dl><dt>Date</dt><dd>17 February 2027, 10:00–12:00 CET</dd><dt>Place</dt><dd>Online</dd><dt>Organiser</dt><dd>Network of Cities</dd></dl><div class="calendar-links"><a href="/e.ics">Add to calendar</a></div></div>
</section>
<section class="more-events"><h2>More events</h2><ul>%s</ul></section>
<footer>Network of Cities · %s</footer>
</body></html>''' % (menu(a), E(a["title"]), body_html(a), "".join("<li><a href='/e%d'>%s</a></li>" % (i, E(t)) for i, t in enumerate(related_titles(rng, 4))), E(c[0]))


def article_in_body(a, rng):
    """A small municipal site where the article sits directly in <body>
    between a link bar and a footer, in paragraphs with <br> lines."""
    c = ch(a)
    return head(a, "") + '''<body>
<div class="bar">%s</div>
<h1>%s</h1>
<p><small>%s › %s</small></p>
%s
<hr>
<p class="foot">%s · <a href="/contact">Contact</a> · <a href="/legal">Legal</a></p>
</body></html>''' % (" | ".join('<a href="/%d">%s</a>' % (i, E(m)) for i, m in enumerate(c[8])), E(a["title"]), E(c[0]), E(c[8][0]), body_html(a), E(c[0]))


def magazine(a, rng):
    """An online magazine: <article> holds the story and also its author
    box, newsletter signup and "more from" teasers; a paywall-free
    teaser grid follows."""
    c = ch(a)
    teasers = "".join('<article class="teaser"><h3><a href="/t%d">%s</a></h3><p>%s</p></article>' % (i, E(t), E(c[6])) for i, t in enumerate(related_titles(rng, 4)))
    return head(a, " | Magazine", '<meta property="og:type" content="article">\n') + '''<body>
<header class="header"><div class="logo">Magazine</div><nav class="nav">%s</nav></header>
<main>
<article class="article">
<div class="article-header"><p class="kicker">Integration</p><h1>%s</h1><p class="author">Text: Marta Rossi · Photos: Jan Novak</p></div>
<figure><img src="/img/hero.jpg" alt="Hero"><figcaption>Photo: Jan Novak</figcaption></figure>
<div class="article-body">
%s
</div>
<div class="author-box"><img src="/a.jpg" alt=""><p>Marta Rossi writes about migration and cities. She lives in Turin.</p></div>
<div class="newsletter-signup"><p>%s</p><input type="email"><button>Sign up</button></div>
</article>
<section class="teasers"><h2>%s</h2>%s</section>
</main>
<footer class="footer">Magazine · About · Advertise · Privacy</footer>
</body></html>''' % (menu(a), E(a["title"]), body_html(a), E(c[5]), E(c[3]), teasers)


def portal_cards(a, rng):
    """A news portal: hero image, the body in a "richtext" block, an icon
    share list with no text, then a grid of related cards whose teasers are
    prose, not links."""
    c = ch(a)
    cards = "".join('<div class="card"><a class="card__title" href="/c%d">%s</a><p class="card__teaser">%s</p></div>' % (
        i, E(t), "A short summary of this other story, written by the editors to make readers click through to it.")
        for i, t in enumerate(related_titles(rng, 4)))
    return head(a, " | Portal") + '''<body>
<header class="portal-header"><a href="/" class="brand">Portal</a>%s</header>
<div class="page-body">
<div class="hero"><img src="/hero.jpg" alt=""></div>
<div class="richtext">
<h1>%s</h1>
%s
</div>
<ul class="icons"><li><a href="#" aria-label="Facebook"><svg></svg></a></li><li><a href="#" aria-label="LinkedIn"><svg></svg></a></li></ul>
<div class="cards"><h2>%s</h2>%s</div>
</div>
<footer class="portal-footer">Portal · %s</footer>
</body></html>''' % (menu(a), E(a["title"]), body_html(a), E(c[3]), cards, E(c[0]))


def service_page(a, rng):
    """A public service page: an "on this page" list, the text, a
    "last reviewed" line, a contact box and a feedback question."""
    c = ch(a)
    return head(a, "") + '''<body>
<div class="gov-bar"><a href="/">%s</a></div>
<div class="layout"><div class="layout__main">
<h1>%s</h1>
<div class="on-this-page"><p>On this page</p><ul><li><a href="#s1">Overview</a></li><li><a href="#s2">Details</a></li></ul></div>
<div class="text">
%s
</div>
<p class="reviewed">Last reviewed: 03.11.2026</p>
<div class="contact-box"><h2>Contact</h2><p>Phone: 000 000 000 · Monday to Friday, 9:00–16:00</p></div>
<div class="helpful"><p>Did you find what you were looking for?</p><a href="#y">Yes</a> <a href="#n">No</a></div>
</div></div>
<footer>%s</footer>
</body></html>''' % (E(c[0]), E(a["title"]), body_html(a), footer_links(a))


def threads(a, rng):
    """An article followed by a discussion in nested lists whose classes
    say "thread" and "post", never "comment"."""
    c = ch(a)
    posts = "".join('<li class="post"><span class="who">%s</span><p>%s</p><ul class="replies"><li class="post"><span class="who">%s</span><p>%s</p></li></ul></li>' % (
        COMMENTERS[i], E(COMMENTS_EN[i]), COMMENTERS[(i + 1) % 8], E(COMMENTS_EN[(i + 5) % 8])) for i in range(4))
    return head(a, "") + '''<body>
<div class="hdr">%s</div>
<div class="wrap">
<div class="story">
<h1>%s</h1>
%s
</div>
<div class="thread"><h3>%s</h3><ul>%s</ul></div>
</div>
<div class="ftr">%s</div>
</body></html>''' % (menu(a), E(a["title"]), body_html(a), E(c[4]), posts, E(c[0]))


def sharepoint(a, rng):
    """A SharePoint-style ministry site: ASP.NET control ids, the quick
    launch menu, the breadcrumb and the body in a rich-HTML field, all
    inside one <form>."""
    c = ch(a)
    ql = "".join('<li class="static"><a class="static menu-item" href="/q%d"><span class="menu-item-text">%s</span></a></li>' % (i, E(m)) for i, m in enumerate(c[8] + ["Laws", "Forms", "Vacancies"]))
    return head(a, " - Home") + '''<body><form method="post" action="./page.aspx" id="aspnetForm">
<div><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWAg=="></div>
<div id="s4-workspace"><div id="s4-titlerow"><div class="s4-title">Ministry</div><div id="s4-breadcrumb"><a href="/">%s</a> &gt; <a href="/Pages">Pages</a></div></div>
<div id="s4-bodyContainer"><div id="sideNavBox"><div class="ms-core-listMenu-verticalBox"><ul class="root static">%s</ul></div></div>
<div id="contentBox"><div id="ctl00_PlaceHolderMain_ctl00" class="ms-webpart-zone">
<h1 id="ctl00_PlaceHolderMain_TitleField">%s</h1>
<div id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField" class="ms-rtestate-field">
%s
</div>
<div class="ms-pageinfo">Page last modified: 19/11/2026 14:02</div>
</div></div></div>
<div class="ms-footer">Ministry · Accessibility · Privacy</div>
</div></form></body></html>''' % (E(c[0]), ql, E(a["title"]), body_html(a))


def joomla(a, rng):
    """A Joomla site: the article in item-page with an article-info
    definition list, a page navigation, and module positions of latest
    and most read articles."""
    c = ch(a)
    mods = "".join('<li><a href="/l%d">%s</a></li>' % (i, E(t)) for i, t in enumerate(related_titles(rng, 5)))
    return head(a, "", '<meta name="generator" content="Joomla! - Open Source Content Management">\n') + '''<body class="site com_content view-article">
<div class="body"><div class="container">
<header class="header"><a class="brand" href="/">Association</a><div class="header-search">%s</div></header>
<nav class="navigation">%s</nav>
<div class="row-fluid">
<main id="content" role="main" class="span9">
<div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">%s</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Details</dt><dd class="createdby">Written by Admin</dd><dd class="category-name">Category: News</dd><dd class="published">Published: 17 November 2026</dd><dd class="hits">Hits: 312</dd></dl>
<div itemprop="articleBody">
%s
</div>
<ul class="pager pagenav"><li class="previous"><a href="/p" rel="prev">Prev</a></li><li class="next"><a href="/n" rel="next">Next</a></li></ul>
</div>
</main>
<div id="aside" class="span3"><div class="moduletable"><h3>Latest news</h3><ul class="latestnews">%s</ul></div><div class="moduletable"><h3>Most read</h3><ul class="mostread">%s</ul></div></div>
</div></div></div>
<footer class="footer"><p>© 2026 Association</p><p><a href="#top">Back to top</a></p></footer>
</body></html>''' % (E(c[0]), menu(a, "nav menu"), E(a["title"]), body_html(a), mods, mods)


def typo3(a, rng):
    """A TYPO3 site: the article split over sibling content elements
    (frames), each block its own frame, next to a subpages menu frame."""
    c = ch(a)
    frames = []
    for i, b in enumerate(body_html(a).split("\n")):
        frames.append('<div id="c%d" class="frame frame-default frame-type-text frame-layout-0"><div class="ce-bodytext">%s</div></div>' % (300 + i, b))
    sub = "".join('<li><a href="/s%d" title="%s"><span>%s</span></a></li>' % (i, E(m), E(m)) for i, m in enumerate(c[8]))
    return head(a, "") + '''<body id="p42" class="page-42 pagelevel-2 language-0">
<div id="page-wrapper"><header id="page-header"><div class="logo"><a href="/">City</a></div><ul class="lang-nav"><li><a href="/en/">EN</a></li><li><a href="/de/">DE</a></li></ul><nav id="main-navigation">%s</nav></header>
<div id="page-content"><div class="section section-default"><div class="container">
<div class="section-row"><div class="section-column maincontent-wrap" role="main">
<div id="c299" class="frame frame-default frame-type-header frame-layout-0"><header><h1 class="element-header">%s</h1></header></div>
%s
</div>
<div class="section-column subcontent-wrap"><div id="c400" class="frame frame-default frame-type-menu_subpages"><ul>%s</ul></div></div>
</div></div></div></div>
<footer id="page-footer"><div class="frame">City · <a href="/impressum">Imprint</a> · <a href="/datenschutz">Privacy</a></div></footer>
</div></body></html>''' % (menu(a), E(a["title"]), "\n".join(frames), sub)


LAYOUTS = {f.__name__: f for f in [sharepoint, joomla, typo3, portal_cards, service_page, threads, ministry, eu_institution, wordpress, news_comments, three_columns, drupal,
                                   table_layout, amp, print_friendly, tag_cloud, newsletter_inline, css_modules,
                                   gov_uk_like, press_release, event_page, article_in_body, magazine]}

# Which layouts each article is shown in. Held-out articles use layouts
# seen in development and three never used there (table_layout, amp,
# css_modules), so held-out measures generalisation, not memory.
PLAN = {
    "a01": ["ministry", "gov_uk_like"],
    "a02": ["eu_institution", "press_release"],
    "a03": ["wordpress", "newsletter_inline"],
    "a05": ["drupal", "three_columns"],
    "a07": ["ministry", "print_friendly"],
    "a09": ["drupal", "tag_cloud"],
    "a11": ["ministry", "article_in_body"],
    "a13": ["press_release", "three_columns"],
    "a15": ["gov_uk_like", "wordpress"],
    "a17": ["article_in_body", "magazine"],
    "a18": ["drupal", "news_comments"],
    "a19": ["magazine", "eu_institution"],
    "a20": ["tag_cloud", "news_comments"],
    "a22": ["print_friendly", "newsletter_inline"],
    "a23": ["event_page", "wordpress"],
    "a24": ["tag_cloud", "magazine"],
    # held-out
    "a04": ["news_comments", "css_modules"],
    "a06": ["table_layout", "eu_institution"],
    "a08": ["wordpress", "amp"],
    "a10": ["newsletter_inline", "table_layout"],
    "a12": ["amp", "drupal"],
    "a14": ["css_modules", "article_in_body"],
    "a16": ["gov_uk_like", "press_release"],
    "a21": ["event_page", "magazine"],
    # fresh: written after tuning, measured once
    "f01": ["portal_cards", "threads"],
    "f02": ["service_page", "portal_cards"],
    "f03": ["threads", "service_page"],
    "f04": ["portal_cards", "threads"],
    # fresh2: written after every change, measured once
    "g01": ["sharepoint", "joomla"],
    "g02": ["typo3", "sharepoint"],
    "g03": ["joomla", "typo3"],
    "g04": ["typo3", "sharepoint"],
}


def main():
    arts = {a["id"]: a for a in parse_articles()}
    for aid, layouts in PLAN.items():
        a = arts[aid]
        for lay in layouts:
            rng = random.Random(aid + lay)
            page = LAYOUTS[lay](a, rng)
            d = os.path.join(HERE, a["split"])
            os.makedirs(d, exist_ok=True)
            name = "%s-%s-%s" % (aid, a["lang"], lay.replace("_", "-"))
            with open(os.path.join(d, name + ".html"), "w", encoding="utf-8") as f:
                f.write(page + "\n")
            with open(os.path.join(d, name + ".txt"), "w", encoding="utf-8") as f:
                f.write(truth(a))


if __name__ == "__main__":
    main()
