#pragma once

// Request handler used by the server tests. Paths:
//   /echo          200, body = request body, x-method/x-path/x-query/x-version headers
//   /slow?ms=N     like /echo, answered after N ms
//   /stream?kib=N[&len=1]  N KiB in 64 KiB chunks obeying write()/writable()
//   anything else  404 in the JSON error shape

#include "http/HttpExchange.h"
#include "http/RequestHandler.h"

#include <atomic>

struct TestHandlerProbe
{
    std::atomic<int> handled{0};
    std::atomic<int> blockedWrites{0}; // write() returned false
    std::atomic<int> streamsFinished{0};
    std::atomic<int> clientsGone{0};
};

extern TestHandlerProbe g_probe;

class TestHandler final : public understudy::RequestHandler
{
public:
    void handle(understudy::HttpExchange *exchange) override;
};
