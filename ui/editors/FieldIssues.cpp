#include "editors/FieldIssues.h"

#include <QListWidget>
#include <QWidget>

namespace understudy {

namespace {

const QString kIssueStyle = QStringLiteral("border: 1px solid #c01c28; border-radius: 2px;");

bool continuesPath(const QString &path, const QString &head)
{
    if (!path.startsWith(head))
        return false;
    if (path.size() == head.size())
        return true;
    const QChar next = path.at(head.size());
    return next == u'.' || next == u'[';
}

} // namespace

QString itemPath(const QString &section, const QString &name, int index)
{
    return section + u'[' + (name.isEmpty() ? QString::number(index) : name) + u']';
}

void FieldIssues::add(const QString &suffix, QWidget *widget)
{
    m_fields.push_back({suffix, widget, widget->toolTip(), {}});
}

void FieldIssues::apply(const std::vector<ValidationIssue> &issues, const QString &prefix)
{
    for (Field &field : m_fields)
        field.messages.clear();
    if (!prefix.isEmpty()) {
        for (const ValidationIssue &issue : issues) {
            Field *best = nullptr;
            for (Field &field : m_fields) {
                if (continuesPath(issue.path, prefix + field.suffix)
                    && (!best || field.suffix.size() > best->suffix.size()))
                    best = &field;
            }
            if (best) {
                const QString kind = issue.severity == ValidationIssue::Severity::Error ? QObject::tr("Error")
                                                                                         : QObject::tr("Warning");
                best->messages << kind + QStringLiteral(": ") + issue.message;
            }
        }
    }
    for (Field &field : m_fields) {
        if (!field.widget)
            continue;
        const bool marked = !field.messages.isEmpty();
        field.widget->setStyleSheet(marked ? kIssueStyle : QString());
        field.widget->setToolTip(marked ? field.messages.join(u'\n') : field.toolTip);
        field.widget->setProperty("validationIssue", marked ? QVariant(field.messages.join(u'\n')) : QVariant());
    }
}

QStringList FieldIssues::messagesOn(const QWidget *widget) const
{
    for (const Field &field : m_fields) {
        if (field.widget == widget)
            return field.messages;
    }
    return {};
}

int FieldIssues::fillList(QListWidget *list, const std::vector<ValidationIssue> &issues, const QString &section)
{
    list->clear();
    int errors = 0;
    for (const auto severity : {ValidationIssue::Severity::Error, ValidationIssue::Severity::Warning}) {
        for (const ValidationIssue &issue : issues) {
            if (issue.severity != severity || !continuesPath(issue.path, section))
                continue;
            const bool error = severity == ValidationIssue::Severity::Error;
            errors += error ? 1 : 0;
            auto *item = new QListWidgetItem(issue.path + QStringLiteral(": ") + issue.message, list);
            item->setData(Qt::UserRole, issue.path);
            item->setForeground(error ? QColor(0xc0, 0x1c, 0x28) : QColor(0x9c, 0x6a, 0x00));
            item->setToolTip(error ? QObject::tr("Error") : QObject::tr("Warning"));
        }
    }
    return errors;
}

} // namespace understudy
