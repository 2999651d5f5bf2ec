#pragma once

#include <string>
#include <string_view>

namespace escbot::commands::escalation {

/// Folds UTF-8 text for matching names and addresses, without ICU: ASCII letters to lower case;
/// Latin letters with diacritics (Latin-1 Supplement U+00C0-U+00FF, Latin Extended-A
/// U+0100-U+017F) to their base letters ("É" -> "e", "Ñ" -> "n", "ß" -> "ss", "Æ" -> "ae",
/// "Œ" -> "oe", "Ø" -> "o", "Ł" -> "l"); combining marks (U+0300-U+036F, as in decomposed
/// "e\u0301") dropped, so composed and decomposed spellings fold alike. Apostrophes (', U+2019,
/// U+2018, U+02BC, U+00B4, `) are dropped, so "O'Neil" folds like "ONeil". Every other ASCII or
/// Latin-1 punctuation or symbol (and "×", "÷", no-break space, general punctuation such as
/// dashes and quotes) becomes one space, except "#", kept for the caller (an address's unit
/// sign). Other code points and malformed bytes are kept as they are. Pure.
std::string FoldLatin(std::string_view text);

}  // namespace escbot::commands::escalation
