#include "StoredExchangeView.h"

#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace understudy {

StoredExchangeView::StoredExchangeView(QWidget *parent)
    : QWidget(parent)
    , m_message(new QLabel(this))
    , m_headers(new QPlainTextEdit(this))
    , m_body(new QPlainTextEdit(this))
{
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_headers, m_body}) {
        edit->setReadOnly(true);
        edit->setFont(fixed);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_headers->setObjectName(QStringLiteral("storedHeaders"));
    m_body->setObjectName(QStringLiteral("storedBody"));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_headers);
    splitter->addWidget(m_body);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);
    setMessage({});
}

void StoredExchangeView::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_headers->clear();
    m_body->clear();
    m_headers->parentWidget()->setVisible(false);
}

void StoredExchangeView::setExchange(const QByteArray &headersJson, const QByteArray &body, bool truncated)
{
    const QString note =
        truncated ? tr("The log kept only the start of this exchange (bodies are capped).") : QString();
    m_message->setText(note);
    m_message->setVisible(!note.isEmpty());
    m_headers->setPlainText(headerLines(headersJson));
    m_body->setPlainText(body.isEmpty() ? tr("(empty body)") : prettyBody(body));
    m_headers->parentWidget()->setVisible(true);
}

QString StoredExchangeView::message() const
{
    return m_message->text();
}

QString StoredExchangeView::headersText() const
{
    return m_headers->toPlainText();
}

QString StoredExchangeView::bodyText() const
{
    return m_body->toPlainText();
}

QString StoredExchangeView::headerLines(const QByteArray &headersJson)
{
    const QJsonDocument doc = QJsonDocument::fromJson(headersJson);
    if (!doc.isObject())
        return QString::fromUtf8(headersJson);
    QStringList lines;
    const QJsonObject object = doc.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().isArray()) {
            for (const QJsonValue &v : it.value().toArray())
                lines << it.key() + QStringLiteral(": ") + v.toString();
        } else if (it.value().isString()) {
            lines << it.key() + QStringLiteral(": ") + it.value().toString();
        } else {
            // Anything else the writer adds (e.g. names left out past the
            // cap) is shown as its JSON.
            const QJsonValue value = it.value();
            const QByteArray json = value.isObject()  ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)
                                    : value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                                      : value.toVariant().toString().toUtf8();
            lines << it.key() + QStringLiteral(": ") + QString::fromUtf8(json);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString StoredExchangeView::prettyBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    return QString::fromUtf8(body);
}

} // namespace understudy
