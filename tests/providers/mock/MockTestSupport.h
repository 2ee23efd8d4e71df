#pragma once

// Shared by the mock provider tests: request builders, an SSE splitter
// independent of the gateway's own decoder, and a recorder of everything an
// AttemptStream emits, in order.

#include "config/Config.h"
#include "config/Outcome.h"
#include "fallback/AttemptStream.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <nlohmann/json.hpp>

namespace mocktest {

struct RequestOptions
{
    bool stream = false;
    bool includeUsage = false;
    QString model = QStringLiteral("gpt-test");
    QString prefill; // non-empty: a trailing assistant message
};
QByteArray chatRequest(const RequestOptions &options = {});

understudy::Provider mockProvider(const understudy::MockSettings &settings,
                                  const QString &name = QStringLiteral("mock-a"));
// Fast settings: no latency, no pacing.
understudy::MockSettings fastSettings();

// The payloads of "data: ...\n\n" events, in order. Anything that is not
// such an event (stray bytes, a missing blank line) is returned as
// "<bad:...>" so tests see it.
QList<QByteArray> ssePayloads(const QByteArray &stream);
// Parses a payload; discarded (is_discarded()) when not JSON.
nlohmann::json parseJson(const QByteArray &payload);
// A JSON value as text for QCOMPARE: a string's content, anything else
// dumped (QCOMPARE cannot take nlohmann values directly).
QString str(const nlohmann::json &value);
// Content text of a chunk payload, or empty.
QString chunkContent(const nlohmann::json &chunk);
bool chunkHasFinish(const nlohmann::json &chunk);

class StreamRecorder final : public QObject
{
    Q_OBJECT
public:
    enum class Signal { Head, Body, Finished, Failed };

    explicit StreamRecorder(understudy::AttemptStream *stream);

    QList<Signal> order;
    int status = 0;
    understudy::HttpHeaders headers;
    QList<QByteArray> pieces;
    QByteArray body;
    understudy::OutcomeClass failure = understudy::OutcomeClass::Ok;
    QString failureDetail;

    bool ended() const { return order.contains(Signal::Finished) || order.contains(Signal::Failed); }
    int count(Signal signal) const { return int(order.count(signal)); }
    QByteArray header(const char *name) const;
};

} // namespace mocktest
