#pragma once

#include <string>
#include <string_view>

namespace escbot::commands::concert {

// Every id the Concert confirmation flow puts on the wire or in the database, in one place.

inline constexpr std::string_view kConcertCommand = "/concert";

// Buttons on the request post; each carries the request id as its value.
inline constexpr std::string_view kConfirmAction = "concert_confirm";
inline constexpr std::string_view kNotConcertAction = "concert_not_concert";
inline constexpr std::string_view kMoreInfoAction = "concert_more_info";
inline constexpr std::string_view kCancelAction = "concert_cancel";
inline constexpr std::string_view kAnswerBlock = "concert_answer";
// On a "Need more info" question in the thread: the requesting agent says it is answered.
inline constexpr std::string_view kQuestionAnsweredAction = "concert_question_answered";

// Modals (callback ids) and their input blocks; each input's action id is kValueAction.
inline constexpr std::string_view kRequestModal = "concert_request";
inline constexpr std::string_view kQuestionModal = "concert_question";
inline constexpr std::string_view kHomeownerBlock = "concert_homeowner";
inline constexpr std::string_view kAddressBlock = "concert_address";
inline constexpr std::string_view kQuestionBlock = "concert_question";
inline constexpr std::string_view kValueAction = "value";

// Durable timers.
inline constexpr std::string_view kReleaseTimer = "concert.release";  // a held request's window
inline constexpr std::string_view kRemindTimer = "concert.remind";    // reminder or fallback

/// "concert:12": the audit entity of a request.
inline std::string Entity(long long id) { return "concert:" + std::to_string(id); }
/// The message key of the request's post in the confirmation channel.
inline std::string RootKey(long long id) { return Entity(id) + ":root"; }
/// The outbox lane of everything posted about one request (post, replies, update), so that a
/// post that failed for good holds up only its own request.
inline std::string Lane(long long id) { return Entity(id); }
inline std::string ReleaseTimerKey(long long id) { return Entity(id) + ":release"; }
inline std::string RemindTimerKey(long long id) { return Entity(id) + ":remind"; }

/// Longest homeowner name and address kept (characters; longer text is cut with a marker).
inline constexpr std::size_t kMaxHomeownerChars = 150;
inline constexpr std::size_t kMaxAddressChars = 300;
/// Longest "Need more info" question.
inline constexpr std::size_t kMaxQuestionChars = 2000;

}  // namespace escbot::commands::concert
