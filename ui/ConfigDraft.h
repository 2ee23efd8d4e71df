#pragma once

// The console's unsaved config: the workspace's current (saved) config and,
// after an edit on the Chains, Routes or Providers page, the edited draft
// with the engine's validation of it. The window enables Apply, marks its
// title and updates the other pages from it.

#include "config/Config.h"
#include "config/Validation.h"

#include <QObject>

#include <optional>
#include <vector>

namespace understudy {

class ConfigDraft final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigDraft)

public:
    explicit ConfigDraft(QObject *parent = nullptr);

    // The workspace's current config changed (open, apply, restore,
    // import). A draft equal to it is no longer a draft.
    void setSaved(const ConfigSnapshot &saved);
    // An edit: becomes the draft unless it equals the saved config.
    void setEdited(const Config &edited);
    // A workspace opened or its config was replaced (import, restore):
    // `saved` becomes current and any draft is dropped; one changed().
    void reset(const ConfigSnapshot &saved);
    void discard();
    void clear(); // no workspace

    ConfigSnapshot saved() const { return m_saved; }
    bool isDirty() const { return m_draft.has_value(); }
    const std::optional<Config> &draft() const { return m_draft; }
    // Validation of the draft (empty without one).
    const std::vector<ValidationIssue> &issues() const { return m_issues; }
    int errorCount() const;
    bool canApply() const { return isDirty() && errorCount() == 0; }

signals:
    void changed();

private:
    ConfigSnapshot m_saved;
    std::optional<Config> m_draft;
    std::vector<ValidationIssue> m_issues;
};

} // namespace understudy
