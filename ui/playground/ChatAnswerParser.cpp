#include "ChatAnswerParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace understudy {

namespace {

QString errorText(const QJsonObject &object)
{
    const QJsonValue error = object.value(QStringLiteral("error"));
    if (error.isObject()) {
        const QJsonObject e = error.toObject();
        const QString message = e.value(QStringLiteral("message")).toString();
        const QString type = e.value(QStringLiteral("type")).toString();
        return type.isEmpty() ? message : type + QStringLiteral(": ") + message;
    }
    return error.isString() ? error.toString() : QString();
}

} // namespace

void ChatAnswerParser::reset()
{
    *this = ChatAnswerParser();
}

QString ChatAnswerParser::feed(const QByteArray &bytes)
{
    m_partial += bytes;
    QString delta;
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = m_partial.indexOf('\n', start);
        if (newline < 0)
            break;
        QByteArrayView line(m_partial.constData() + start, newline - start);
        if (line.endsWith('\r'))
            line.chop(1);
        delta += handleLine(line);
        start = newline + 1;
    }
    m_partial.remove(0, start);
    return delta;
}

QString ChatAnswerParser::handleLine(QByteArrayView line)
{
    // Comments (": keep-alive"), "event:" and "id:" lines carry no content.
    if (!line.startsWith("data:"))
        return {};
    QByteArrayView data = line.sliced(5).trimmed();
    if (data == "[DONE]") {
        m_done = true;
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        ++m_malformed;
        return {};
    }
    const QJsonObject event = doc.object();
    if (event.contains(QStringLiteral("error"))) {
        m_error = errorText(event);
        return {};
    }
    QString delta;
    const QJsonArray choices = event.value(QStringLiteral("choices")).toArray();
    for (const QJsonValue &choice : choices) {
        const QJsonObject c = choice.toObject();
        delta += c.value(QStringLiteral("delta")).toObject().value(QStringLiteral("content")).toString();
        const QJsonValue finish = c.value(QStringLiteral("finish_reason"));
        if (finish.isString())
            m_finishReason = finish.toString();
    }
    return delta;
}

QString ChatAnswerParser::parseCompletion(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return {};
    const QJsonObject object = doc.object();
    if (object.contains(QStringLiteral("error"))) {
        m_error = errorText(object);
        return {};
    }
    const QJsonArray choices = object.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty())
        return {};
    const QJsonObject first = choices.first().toObject();
    m_finishReason = first.value(QStringLiteral("finish_reason")).toString();
    return first.value(QStringLiteral("message")).toObject().value(QStringLiteral("content")).toString();
}

} // namespace understudy
