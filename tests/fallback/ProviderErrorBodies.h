#pragma once

// Realistic upstream error bodies (OpenAI, Anthropic, Gemini and
// OpenAI-compatible servers, in their public error formats) with the class
// each must get. They live outside the Q_OBJECT test file because moc's
// tokenizer cannot read raw string literals and would lose the test class.

#include "config/Outcome.h"

#include <vector>

struct ProviderErrorCase
{
    const char *name;
    int status;
    const char *body;
    understudy::OutcomeClass outcome;
    const char *code; // expected provider code; empty = not checked
};

const std::vector<ProviderErrorCase> &providerErrorCases();
