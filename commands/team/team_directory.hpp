#pragma once

#include <string_view>

#include "commands/access/access.hpp"
#include "commands/access/group_directory.hpp"
#include "commands/escalation/lead_directory.hpp"
#include "config/settings.hpp"

namespace escbot::commands::team {

/// Who is a lead ([groups] leads) and who is back office ([groups] back_office), from one user
/// group cache, without a Slack call on the ack path (escalation::LeadDirectory). Thread-safe.
class TeamDirectory {
public:
    TeamDirectory(slack::SlackApi& slack, const Clock& clock)
        : groups_(slack, clock), directory_(groups_) {}

    bool IsLead(std::string_view user, const config::Settings& settings) {
        return directory_.IsLead(user, settings.groups.leads);
    }
    bool IsBackOffice(std::string_view user, const config::Settings& settings) {
        return directory_.IsLead(user, settings.groups.back_office);
    }
    /// Lead or back office: sees the team's counts and lists.
    bool SeesTeam(std::string_view user, const config::Settings& settings) {
        return IsLead(user, settings) || IsBackOffice(user, settings);
    }
    /// Starts fetching both groups' members (at start-up).
    void Refresh(const config::Settings& settings) {
        directory_.Refresh(settings.groups.leads);
        directory_.Refresh(settings.groups.back_office);
    }

    /// The authorization facts about a case raised by `raised_by` and owned by `owner`.
    access::Facts FactsFor(const config::Settings& settings, std::string raised_by,
                           std::string owner) {
        access::Facts facts;
        facts.raised_by = std::move(raised_by);
        facts.owner = std::move(owner);
        facts.is_lead = [this, &settings](std::string_view user) { return IsLead(user, settings); };
        facts.is_back_office = [this, &settings](std::string_view user) {
            return IsBackOffice(user, settings);
        };
        return facts;
    }

private:
    access::GroupDirectory groups_;
    escalation::LeadDirectory directory_;
};

}  // namespace escbot::commands::team
