#pragma once

// What one mock attempt will do, decided up front: a list of timed steps
// (head, body pieces, end) built from the mock settings, the request and
// the provider's flap phase. Keeping the plan a plain value separates the
// wire behaviour of each fault (tested directly) from the timer plumbing
// that plays it (MockAttemptStream).

#include "config/Config.h"
#include "config/Outcome.h"
#include "upstream/HttpHeaders.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace understudy {

struct MockStep
{
    enum class Kind { Head, Body, Finish, Fail };
    Kind kind = Kind::Body;
    int delayMs = 0; // wait before this step, after the previous one
    int status = 0;  // Head
    HttpHeaders headers;
    QByteArray body;                         // Body
    bool contentEvent = false;               // Body: a stream event carrying answer text
    OutcomeClass outcome = OutcomeClass::Ok; // Fail
    QString detail;                          // Fail
};

struct MockScript
{
    // A script that ends without Finish or Fail goes silent for good (no
    // response, stall): the executor's timeouts decide what that means.
    std::vector<MockStep> steps;
    // The answer was cut on purpose: a transport that can (the loopback
    // handler) should drop the connection instead of ending cleanly.
    bool cut = false;
    QString model;      // the model the answer names
    QString answerText; // the text the mock answers in full (after prefill)
};

struct MockScriptInput
{
    QString provider;
    QString targetModel;   // the step's model; empty = the request's
    QString fallbackModel; // when neither names one: the catalogue's first
    MockSettings settings;
    QByteArray requestBody; // OpenAI Chat Completions request
    bool flapDown = false;  // Flapping: the provider is in its down phase
    qint64 createdSecs = 0; // "created" of the answer, Unix seconds
};

MockScript buildMockScript(const MockScriptInput &input);

} // namespace understudy
