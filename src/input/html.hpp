// HTML message bodies as plain text. Help-desk exports read through --map (Intercom's
// conversation_parts[].body, a Zendesk html_body) and Teams / Bot Framework activities with
// textFormat "xml" carry HTML: "<p>Where is my order?</p><p>It's late.</p>". Left as it is, the
// tags become words ("p", "br") and the paragraphs run together; read as text, each paragraph
// and line break ends a sentence, as it does on screen.
#pragma once

#include <string_view>

#include "input/record_reader.hpp"

namespace audit {

// Does `text` contain a tag of a known HTML element ("<p>", "</div>", "<br/>", "<a href=...>")?
// Text that merely uses angle brackets ("I <3 this", "<order 12>", "a < b > c") does not.
bool looks_like_html(std::string_view text);

// `text` with the tags of known elements removed (block elements and <br> become line breaks)
// and character references decoded (&amp; &lt; &gt; &quot; &#39; &apos; &nbsp; &#NNN; &#xHH;).
// Anything else stays as written. The result lives in `arena`.
std::string_view html_to_text(std::string_view text, TextArena& arena);

}  // namespace audit
