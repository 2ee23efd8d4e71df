#pragma once

// Puts the engine's validation issues next to the fields they name: each
// form widget is registered under the path suffix it edits (".base_url",
// ".limits.max_idle", ".models"), and apply() gives the widgets that have
// an issue under the current item's path a red border and the messages as
// their tooltip, restoring the others.

#include "config/Validation.h"

#include <QHash>
#include <QPointer>
#include <QString>

#include <vector>

class QListWidget;
class QWidget;

namespace understudy {

class FieldIssues final
{
public:
    void add(const QString &suffix, QWidget *widget);

    // `prefix` is the item's path, e.g. "providers[openai]"; an issue whose
    // path is prefix + suffix (or continues it with '.' or '[') belongs to
    // the widget with the longest such suffix.
    void apply(const std::vector<ValidationIssue> &issues, const QString &prefix);

    // The messages currently shown on `widget` (empty when it is clean).
    QStringList messagesOn(const QWidget *widget) const;

    // Fills a list with the issues whose path starts with `section`, errors
    // first; returns how many errors it holds.
    static int fillList(QListWidget *list, const std::vector<ValidationIssue> &issues, const QString &section);

private:
    struct Field
    {
        QString suffix;
        QPointer<QWidget> widget;
        QString toolTip; // the widget's own tooltip, restored when clean
        QStringList messages;
    };
    std::vector<Field> m_fields;
};

// The path of the i-th item of a section as validation writes it:
// "providers[name]", or "providers[i]" while the item has no name.
QString itemPath(const QString &section, const QString &name, int index);

} // namespace understudy
