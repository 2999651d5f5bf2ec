#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace escbot::commands::privacy {

// [privacy] mask_contact_details: case posts in channels show emails and phone numbers masked.
// This is the one place that decides what an email or a phone number is and how it is masked;
// renderers call it on user text before escaping it for mrkdwn. Deterministic: the same text
// always masks the same way.
//
//   email  "jane.doe@example.com"  -> "j•••@e•••.com"   first character of the name and of the
//                                                        domain, and the top-level domain
//   phone  "(555) 201-3344"         -> "(•••) •••-3344"  every digit but the last four becomes
//                                                        •; the layout stays
//
// A phone number is 7 to 15 digits, optionally starting with '+' or '(', with single spaces,
// '-', '.' or ')' between digit groups, standing alone (no letter or digit right before or
// after; not glued to a word by '-', '.', '/' or '_', so "CX-20261123-0042" stays), and not an
// ISO date (2026-11-23). Shorter numbers (house numbers, ZIP codes, amounts) stay.

/// `text` with every email address and phone number masked.
std::string MaskContactDetails(std::string_view text);

/// The email addresses and phone numbers in `text`, in order, as written.
std::vector<std::string> ContactDetailsIn(std::string_view text);

/// MaskContactDetails when `mask` is set, else `text` unchanged.
inline std::string ForChannel(std::string_view text, bool mask) {
    return mask ? MaskContactDetails(text) : std::string(text);
}

}  // namespace escbot::commands::privacy
