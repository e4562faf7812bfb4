// The sentiment analyser: one score in [-1, 1] per turn, from the lexicon plus rules for
// support language. The formula (docs/rules.md, "Sentiment"):
//   each sentiment-bearing word or expression contributes its valence v (-4..4), where a
//   multi-word expression ("still not working") wins over the words inside it, then
//     + intensifiers/dampeners among the 3 words before it (step x 1, 0.95, 0.9 with distance),
//     + 0.733 if it is written in capitals and the message is not all capitals,
//     + 0.293 if it is elongated ("sooo"),
//     x -0.74 if a negator is among the 3 words before it in the same clause,
//     x 0.5 before and x 1.5 after the first contrast word ("but", "however") of the message;
//   the sum S gets +0.292 per "!" (at most 4) and +0.18 per "?" when there are 2 or 3 or more,
//   in the direction of S; the score is S / sqrt(S^2 + 15).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/lexicon.hpp"
#include "text/tokenize.hpp"

namespace audit {

float sentiment_score(const Token* tokens, std::size_t n, const TextStats& stats,
                      const Lexicon& lexicon);

// Tokenises `text` into the reused buffers and scores it (`chataudit sentiment`, tests).
float score_text(std::string_view text, const Lexicon& lexicon, std::string& chars,
                 std::vector<Token>& tokens);

}  // namespace audit
