#include "EditSummary.h"

#include <QUndoStack>

#include <algorithm>

namespace understudy {

namespace {

// More than this many edits of one page read as a list, not a summary.
constexpr int kMaxEditsPerPage = 4;

} // namespace

EditSummary::EditSummary(QObject *parent) : QObject(parent)
{}

void EditSummary::addSource(const QString &page, QUndoStack *stack)
{
    Q_ASSERT(stack);
    m_sources.append({page, stack, stack->index(), {}});
    connect(stack, &QUndoStack::indexChanged, this, [this, stack](int index) {
        for (Source &source : m_sources) {
            if (source.stack == stack)
                source.from = std::min(source.from, index);
        }
    });
}

QStringList EditSummary::edits(const Source &source) const
{
    QStringList result = source.kept;
    const QUndoStack *stack = source.stack;
    // Undone past the last apply: those steps are not in the draft.
    for (int i = std::min(source.from, stack->index()); i < stack->index(); ++i) {
        const QString text = stack->text(i);
        if (!text.isEmpty() && !result.contains(text))
            result << text;
    }
    return result;
}

void EditSummary::keep(const QUndoStack *stack)
{
    for (Source &source : m_sources) {
        if (source.stack != stack)
            continue;
        source.kept = edits(source);
        source.from = 0;
    }
}

void EditSummary::reset()
{
    for (Source &source : m_sources) {
        source.from = source.stack->index();
        source.kept.clear();
    }
}

QString EditSummary::text() const
{
    QStringList parts;
    for (const Source &source : m_sources) {
        QStringList list = edits(source);
        if (list.isEmpty())
            continue;
        if (list.size() > kMaxEditsPerPage)
            list = list.mid(0, kMaxEditsPerPage) << tr("…");
        parts << tr("%1: %2").arg(source.page, list.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace understudy
