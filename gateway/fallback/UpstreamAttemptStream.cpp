#include "fallback/UpstreamAttemptStream.h"

#include "upstream/UpstreamPool.h"

namespace understudy {

UpstreamAttemptStream::UpstreamAttemptStream(UpstreamPool &pool, UpstreamRequest request, QObject *parent)
    : AttemptStream(parent), m_call(pool.send(std::move(request), this))
{
    connect(m_call, &UpstreamCall::responseHead, this, &AttemptStream::responseHead);
    connect(m_call, &UpstreamCall::bodyData, this, &AttemptStream::bodyData);
    connect(m_call, &UpstreamCall::finished, this, &AttemptStream::finished);
    connect(m_call, &UpstreamCall::failed, this, &AttemptStream::failed);
}

UpstreamAttemptStream::~UpstreamAttemptStream()
{
    if (!m_call->isDone())
        m_call->cancel();
}

void UpstreamAttemptStream::pause()
{
    m_call->pause();
}
void UpstreamAttemptStream::resume()
{
    m_call->resume();
}
void UpstreamAttemptStream::cancel()
{
    m_call->cancel();
}
bool UpstreamAttemptStream::bodyReachedUpstream() const
{
    return m_call->bodyReachedUpstream();
}

} // namespace understudy
