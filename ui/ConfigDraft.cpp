#include "ConfigDraft.h"

#include <algorithm>

namespace understudy {

ConfigDraft::ConfigDraft(QObject *parent) : QObject(parent)
{}

void ConfigDraft::setSaved(const ConfigSnapshot &saved)
{
    m_saved = saved;
    if (m_draft && m_saved && *m_draft == *m_saved) {
        m_draft.reset();
        m_issues.clear();
    }
    emit changed();
}

void ConfigDraft::setEdited(const Config &edited)
{
    if (m_saved && edited == *m_saved) {
        m_draft.reset();
        m_issues.clear();
    } else {
        m_draft = edited;
        m_issues = validateConfig(edited);
    }
    emit changed();
}

void ConfigDraft::reset(const ConfigSnapshot &saved)
{
    m_saved = saved;
    m_draft.reset();
    m_issues.clear();
    emit changed();
}

void ConfigDraft::discard()
{
    m_draft.reset();
    m_issues.clear();
    emit changed();
}

void ConfigDraft::clear()
{
    m_saved.reset();
    discard();
}

int ConfigDraft::errorCount() const
{
    return int(std::count_if(m_issues.begin(), m_issues.end(), [](const ValidationIssue &issue) {
        return issue.severity == ValidationIssue::Severity::Error;
    }));
}

} // namespace understudy
