#pragma once

#include "fallback/AttemptStream.h"
#include "upstream/UpstreamRequest.h"

namespace understudy {

class UpstreamCall;
class UpstreamPool;

// An attempt against a real upstream through this worker's pool.
class UpstreamAttemptStream final : public AttemptStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamAttemptStream)

public:
    UpstreamAttemptStream(UpstreamPool &pool, UpstreamRequest request, QObject *parent);
    ~UpstreamAttemptStream() override;

    void pause() override;
    void resume() override;
    void cancel() override;
    bool bodyReachedUpstream() const override;

private:
    UpstreamCall *m_call = nullptr;
};

} // namespace understudy
