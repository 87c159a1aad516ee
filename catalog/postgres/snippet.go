package postgres

// snippetText bounds the characters of a body read for a snippet (see
// page): search.AttachSnippets makes each hit's snippet from its summary,
// else from the start of its body, as catalog/sqlite does.
const snippetText = 32 << 10
