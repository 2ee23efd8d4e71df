#pragma once

#include "fallback/AttemptStream.h"

#include <memory>

namespace understudy {

class ResponseTranslator;

// An attempt against a provider that does not speak the OpenAI format
// (Anthropic, Gemini): wraps the attempt that talks to the provider and
// passes everything it says through the provider's ResponseTranslator, so
// the executor sees an OpenAI answer. Non-stream bodies are held by the
// translator until complete, bounded by kMaxBufferedBytes; a larger answer
// fails as malformed_response rather than growing without bound.
class TranslatedAttemptStream final : public AttemptStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TranslatedAttemptStream)

public:
    static constexpr qint64 kMaxBufferedBytes = 32 << 20;

    // Takes ownership of `inner` (re-parented to this).
    TranslatedAttemptStream(AttemptStream *inner, std::unique_ptr<ResponseTranslator> translator, bool stream,
                            QObject *parent);
    ~TranslatedAttemptStream() override;

    void pause() override;
    void resume() override;
    void cancel() override;
    bool bodyReachedUpstream() const override;

private:
    void onHead(int status, const understudy::HttpHeaders &headers);
    void onBody(const QByteArray &data);
    void onFinished();

    AttemptStream *m_inner;
    std::unique_ptr<ResponseTranslator> m_translator;
    bool m_stream;
    bool m_done = false;
    qint64 m_received = 0;
    int m_status = 0;
};

} // namespace understudy
