#pragma once

#include <QString>

namespace understudy {

// Credentials are stored and exported only as references that the engine
// resolves at run time: "env:NAME" (an environment variable) or
// "keychain:ENTRY" (an OS keychain entry). A pasted secret is never a
// reference, so checking the form is what keeps secrets out of files.
bool isCredentialReference(const QString &text);

// The user-facing explanation, shared by import and validation.
QString credentialReferenceHint();

} // namespace understudy
