#pragma once

// One undoable edit of the chain designer: the Config before and after.
// Undo and redo hand the page an exact snapshot, so undoing restores the
// very Config the edit started from. Consecutive edits of the same field
// (typing in a spin box) merge into one command.

#include "config/Config.h"

#include <QUndoCommand>

#include <functional>

namespace understudy {

class ConfigEditCommand final : public QUndoCommand
{
public:
    using Apply = std::function<void(const Config &)>;

    // `mergeKey` empty = never merges (structural edits such as delete).
    ConfigEditCommand(const QString &text, Config before, Config after, QString mergeKey, Apply apply);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    const Config &before() const { return m_before; }
    const Config &after() const { return m_after; }

private:
    Config m_before;
    Config m_after;
    QString m_mergeKey;
    Apply m_apply;
};

} // namespace understudy
