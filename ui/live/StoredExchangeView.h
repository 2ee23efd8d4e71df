#pragma once

// One side (request or response) of a stored exchange in the Traffic
// detail pane: the headers and the body as the request log kept them
// (redacted and capped by the writer), the body pretty-printed when it is
// JSON. Or a line saying why there is nothing to show.

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace understudy {

class StoredExchangeView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoredExchangeView)

public:
    explicit StoredExchangeView(QWidget *parent = nullptr);

    // Hides the headers and body and shows `message` instead.
    void setMessage(const QString &message);
    void setExchange(const QByteArray &headersJson, const QByteArray &body, bool truncated);

    QString message() const;
    QString headersText() const;
    QString bodyText() const;

    // "name: value" lines from the log's headers JSON ({"name": "v" | ["v", ...]}).
    static QString headerLines(const QByteArray &headersJson);
    // Indented JSON when `body` parses as JSON; the text as stored otherwise.
    static QString prettyBody(const QByteArray &body);

private:
    QLabel *m_message = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
};

} // namespace understudy
