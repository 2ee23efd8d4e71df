#include "fallback/TranslatedAttemptStream.h"

#include "providers/ProviderAdapter.h"

namespace understudy {

TranslatedAttemptStream::TranslatedAttemptStream(AttemptStream *inner, std::unique_ptr<ResponseTranslator> translator,
                                                 bool stream, QObject *parent)
    : AttemptStream(parent), m_inner(inner), m_translator(std::move(translator)), m_stream(stream)
{
    m_inner->setParent(this);
    connect(m_inner, &AttemptStream::responseHead, this, &TranslatedAttemptStream::onHead);
    connect(m_inner, &AttemptStream::bodyData, this, &TranslatedAttemptStream::onBody);
    connect(m_inner, &AttemptStream::finished, this, &TranslatedAttemptStream::onFinished);
    connect(m_inner, &AttemptStream::failed, this, [this](OutcomeClass outcome, const QString &detail) {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT failed(outcome, detail);
    });
}

TranslatedAttemptStream::~TranslatedAttemptStream() = default;

void TranslatedAttemptStream::onHead(int status, const HttpHeaders &headers)
{
    if (m_done)
        return;
    m_status = status;
    Q_EMIT responseHead(status, m_translator->head(status, headers));
}

void TranslatedAttemptStream::onBody(const QByteArray &data)
{
    if (m_done)
        return;
    m_received += data.size();
    // Streams are translated event by event and need no bound here (the
    // SSE parser bounds one event); everything else waits for the end.
    if (!(m_stream && m_status == 200) && m_received > kMaxBufferedBytes) {
        m_done = true;
        m_inner->cancel();
        Q_EMIT failed(OutcomeClass::MalformedResponse,
                      QStringLiteral("provider answer larger than %1 bytes").arg(kMaxBufferedBytes));
        return;
    }
    const QByteArray out = m_translator->feed(data);
    if (!out.isEmpty())
        Q_EMIT bodyData(out);
}

void TranslatedAttemptStream::onFinished()
{
    if (m_done)
        return;
    const QByteArray out = m_translator->finish();
    if (const auto failure = m_translator->failure()) {
        m_done = true;
        Q_EMIT failed(failure->outcome, failure->detail);
        return;
    }
    if (!out.isEmpty())
        Q_EMIT bodyData(out);
    if (m_done) // the receiver may have cancelled while taking the data
        return;
    m_done = true;
    Q_EMIT finished();
}

void TranslatedAttemptStream::pause()
{
    m_inner->pause();
}

void TranslatedAttemptStream::resume()
{
    m_inner->resume();
}

void TranslatedAttemptStream::cancel()
{
    m_done = true;
    m_inner->cancel();
}

bool TranslatedAttemptStream::bodyReachedUpstream() const
{
    return m_inner->bodyReachedUpstream();
}

} // namespace understudy
