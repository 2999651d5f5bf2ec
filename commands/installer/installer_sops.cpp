#include "commands/installer/installer_sops.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "bot/core/logging.hpp"
#include "config/sop/installer_sop_loader.hpp"

namespace escbot::commands::installer {
namespace {

using config::sop::InstallerSop;

std::shared_ptr<spdlog::logger>& Log() {
    static auto logger = logging::Get("installer");
    return logger;
}

std::string ReadText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

std::string InstallerSopPath(const config::Settings& settings) {
    return (std::filesystem::path(settings.escalation.sop_file).parent_path() /
            "installer_complaints.toml")
        .string();
}

std::shared_ptr<const InstallerSop> InstallerSops::Current(storage::UnitOfWork& u,
                                                            const config::Settings& settings,
                                                            TimePoint now) {
    const std::string path = InstallerSopPath(settings);
    const std::string text = ReadText(path);
    std::shared_ptr<const InstallerSop> sop;
    {
        std::lock_guard lock(mutex_);
        if (!text.empty() && (text != last_text_ || path != last_path_)) {
            last_path_ = path;
            last_text_ = text;
            auto loaded = config::sop::LoadInstallerSopString(text, path);
            if (loaded.ok()) {
                if (catalog_.Add(loaded.sop) ==
                    config::sop::InstallerSopCatalog::AddResult::kVersionConflict) {
                    Log()->error("{}: version {} is already loaded with other content; bump the "
                                 "version", path, loaded.sop->version);
                }
            } else {
                for (const auto& error : loaded.errors) Log()->error("{}", error.ToString());
            }
        } else if (text.empty() && catalog_.Current() == nullptr) {
            Log()->error("{}: cannot read the installer-complaints SOP", path);
        }
        sop = catalog_.Current();
    }
    if (sop != nullptr) {
        u.InstallerComplaints().PutSopIfAbsent(
            {sop->version, sop->fingerprint, sop->source_text, now});
    }
    return sop;
}

std::shared_ptr<const InstallerSop> InstallerSops::Find(storage::UnitOfWork& u,
                                                         std::string_view version) {
    if (auto sop = catalog_.Find(version)) return sop;
    const auto stored = u.InstallerComplaints().GetSop(version);
    if (!stored) return nullptr;
    auto loaded = config::sop::LoadInstallerSopString(stored->text,
                                                      "installer_sop_versions:" + stored->version);
    if (!loaded.ok() || loaded.sop->version != stored->version) {
        Log()->error("stored installer SOP version {} does not load", stored->version);
        return nullptr;
    }
    catalog_.Add(loaded.sop, /*make_current=*/false);
    auto found = catalog_.Find(version);
    return found ? found : loaded.sop;
}

std::shared_ptr<const config::sop::Sop> InstallerSops::FormSop(const InstallerSop& sop) {
    std::lock_guard lock(mutex_);
    const std::string key = sop.version + "#" + sop.fingerprint;
    auto it = forms_.find(key);
    if (it == forms_.end()) it = forms_.emplace(key, BuildFormSop(sop)).first;
    return it->second;
}

std::shared_ptr<const config::sop::Sop> BuildFormSop(const InstallerSop& sop) {
    auto form = std::make_shared<config::sop::Sop>();
    form->file = sop.file;
    form->id = sop.id;
    form->version = sop.version;
    form->effective_date = sop.effective_date;
    form->title = sop.title;
    form->first_step = std::string(kFormStep);
    form->fingerprint = sop.fingerprint;

    config::sop::Step step;
    step.id = std::string(kFormStep);
    step.title = sop.modal.title;
    step.submit = sop.modal.submit;
    step.close = sop.modal.close;
    step.intro = sop.modal.intro;
    step.questions = sop.questions;
    form->steps.push_back(std::move(step));

    config::sop::Step existing;
    existing.id = std::string(kExistingStep);
    existing.title = sop.modal.title;
    existing.submit = sop.modal.follow_up;
    existing.close = sop.modal.close;
    existing.intro = sop.Wording("existing_case");
    existing.panel = config::sop::Panel::kExistingCase;
    form->steps.push_back(std::move(existing));
    form->Reindex();
    return form;
}

}  // namespace escbot::commands::installer
