#include "designer/ConfigEditCommand.h"

namespace understudy {

namespace {
constexpr int kMergeableId = 0x5a17;
}

ConfigEditCommand::ConfigEditCommand(const QString &text, Config before, Config after, QString mergeKey, Apply apply)
    : QUndoCommand(text)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_mergeKey(std::move(mergeKey))
    , m_apply(std::move(apply))
{}

void ConfigEditCommand::undo()
{
    m_apply(m_before);
}

void ConfigEditCommand::redo()
{
    m_apply(m_after);
}

int ConfigEditCommand::id() const
{
    return m_mergeKey.isEmpty() ? -1 : kMergeableId;
}

bool ConfigEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const ConfigEditCommand *>(other);
    if (next->m_mergeKey != m_mergeKey || next->m_before != m_after)
        return false;
    m_after = next->m_after;
    // An edit typed back to where it started leaves nothing to undo.
    if (m_after == m_before)
        setObsolete(true);
    return true;
}

} // namespace understudy
