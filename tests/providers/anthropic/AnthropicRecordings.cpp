#include "AnthropicRecordings.h"

#include <QString>

namespace recordings {

namespace {

QByteArray event(const char *name, const QByteArray &data)
{
    return QByteArray("event: ") + name + "\ndata: " + data + "\n\n";
}

QByteArray textDelta(int index, const QByteArray &text)
{
    return event("content_block_delta", R"({"type": "content_block_delta", "index": )" + QByteArray::number(index) +
                                            R"(, "delta": {"type": "text_delta", "text": ")" + text + "\"}}");
}

QByteArray jsonDelta(int index, const QByteArray &partialJsonLiteral)
{
    return event("content_block_delta", R"({"type":"content_block_delta","index":)" + QByteArray::number(index) +
                                            R"(,"delta":{"type":"input_json_delta","partial_json":)" +
                                            partialJsonLiteral + "}}");
}

const QByteArray kTextStart = event(
    "message_start",
    R"({"type": "message_start", "message": {"id": "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", "type": "message", "role": "assistant", "content": [], "model": "claude-3-5-sonnet-20241022", "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 25, "output_tokens": 1}}})");
const QByteArray kBlock0Start =
    event("content_block_start",
          R"({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}})");
const QByteArray kPing = event("ping", R"({"type": "ping"})");
const QByteArray kBlock0Stop = event("content_block_stop", R"({"type": "content_block_stop", "index": 0})");
const QByteArray kEndTurn = event(
    "message_delta",
    R"({"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence":null}, "usage": {"output_tokens": 15}})");
const QByteArray kMessageStop = event("message_stop", R"({"type": "message_stop"})");

} // namespace

QByteArray textStream()
{
    return kTextStart + kBlock0Start + kPing + textDelta(0, "Hello") + textDelta(0, "!") + kBlock0Stop + kEndTurn +
           kMessageStop;
}

QByteArray toolUseStream()
{
    QByteArray out = event(
        "message_start",
        R"({"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-3-haiku-20240307","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2},"content":[],"stop_reason":null}})");
    out += event("content_block_start",
                 R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})");
    out += kPing;
    for (const char *piece :
         {"Okay", ",", " let", "'s", " check", " the", " weather", " for", " San", " Francisco", ",", " CA", ":"})
        out += event("content_block_delta",
                     R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":")" +
                         QByteArray(piece) + "\"}}");
    out += event("content_block_stop", R"({"type":"content_block_stop","index":0})");
    out += event(
        "content_block_start",
        R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}})");
    for (const char *piece : {R"("")", R"("{\"location\":")", R"(" \"San")", R"(" Francisc")", R"("o,")", R"(" CA\"")",
                              R"(", ")", R"("\"unit\": \"fah")", R"("renheit\"}")"})
        out += jsonDelta(1, piece);
    out += event("content_block_stop", R"({"type":"content_block_stop","index":1})");
    out += event(
        "message_delta",
        R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}})");
    out += event("message_stop", R"({"type":"message_stop"})");
    return out;
}

QByteArray toolWithoutInputStream()
{
    QByteArray out = event(
        "message_start",
        R"({"type":"message_start","message":{"id":"msg_01NoInput","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":300,"output_tokens":1}}})");
    out += event(
        "content_block_start",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01Clock","name":"get_time","input":{}}})");
    out += event("content_block_stop", R"({"type":"content_block_stop","index":0})");
    out += event(
        "message_delta",
        R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":12}})");
    out += event("message_stop", R"({"type":"message_stop"})");
    return out;
}

QByteArray overloadedMidStream()
{
    return kTextStart + kBlock0Start + textDelta(0, "Hel") +
           event("error", R"({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})");
}

QByteArray pingHeavyStream()
{
    const QByteArray comment = ": keep-alive\n\n";
    return kPing + comment + kTextStart + kPing + kBlock0Start + kPing + comment + textDelta(0, "Hello") + kPing +
           kPing + textDelta(0, "!") + comment + kBlock0Stop + kPing + kEndTurn + kPing + kMessageStop;
}

QByteArray malformedEventStream()
{
    return kTextStart + kBlock0Start + textDelta(0, "Hello") +
           event("content_block_delta", R"({"type": "content_block_delta", "index": 0, "delta": {"type": "text_del)") +
           textDelta(0, "!") + kBlock0Stop + kEndTurn + kMessageStop;
}

QByteArray cutBeforeMessageDelta()
{
    return kTextStart + kBlock0Start + kPing + textDelta(0, "Hello");
}

QByteArray cutBeforeMessageStop()
{
    return kTextStart + kBlock0Start + kPing + textDelta(0, "Hello") + textDelta(0, "!") + kBlock0Stop + kEndTurn;
}

QByteArray cutInsideLastEvent()
{
    const QByteArray whole = textStream();
    return whole.left(whole.size() - 12);
}

QByteArray cachedUsageStream()
{
    return event(
               "message_start",
               R"({"type":"message_start","message":{"id":"msg_01Cached","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":2048,"output_tokens":1}}})") +
           kBlock0Start + textDelta(0, "Cached.") + kBlock0Stop +
           event(
               "message_delta",
               R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":2048,"output_tokens":4}})") +
           kMessageStop;
}

QByteArray lateEvents()
{
    return event("content_block_delta",
                 R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"late"}})") +
           event("message_stop", R"({"type":"message_stop"})");
}

QByteArray thinkingAndUnknownEvents()
{
    return event("content_block_start",
                 R"({"type":"content_block_start","index":5,"content_block":{"type":"thinking","thinking":""}})") +
           event(
               "content_block_delta",
               R"({"type":"content_block_delta","index":5,"delta":{"type":"thinking_delta","thinking":"Let me think"}})") +
           event("content_block_delta",
                 R"({"type":"content_block_delta","index":5,"delta":{"type":"signature_delta","signature":"EqQB"}})") +
           event("content_block_stop", R"({"type":"content_block_stop","index":5})") +
           event("brand_new_event", R"({"type":"brand_new_event","anything":true})");
}

std::vector<std::pair<const char *, QByteArray>> unreadableEventData()
{
    return {
        {"cut json", R"({"type":"content_block_delta")"},
        {"a number", "42"},
        {"an array", R"([{"choices":[]}])"},
        {"[DONE]", "[DONE]"},
        {"empty", ""},
        {"delta without index", R"({"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}})"},
        {"text that is not a string",
         R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":7}})"},
        {"message_start without message", R"({"type":"message_start"})"},
        {"message_delta without delta", R"({"type":"message_delta","usage":{"output_tokens":3}})"},
        {"two lines", "not\njson"},
    };
}

QByteArray textMessage()
{
    return R"({"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","content":[{"type":"text","text":"Hi! My name is Claude."}],"model":"claude-sonnet-4-5-20250929","stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":2095,"output_tokens":503}})";
}

QByteArray toolUseMessage()
{
    return R"({"id":"msg_01Aq9w938a90dw8q","model":"claude-sonnet-4-5","stop_reason":"tool_use","stop_sequence":null,"role":"assistant","type":"message","content":[{"type":"text","text":"I'll check the weather."},{"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"location":"San Francisco, CA","unit":"celsius"}}],"usage":{"input_tokens":384,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":92}})";
}

QByteArray overloadedError()
{
    return R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"})";
}

QByteArray rateLimitError()
{
    return R"({"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 50 requests per minute."}})";
}

QByteArray promptTooLongError()
{
    return R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 203524 tokens > 200000 maximum"}})";
}

std::vector<ErrorCase> errorCases()
{
    using understudy::OutcomeClass;
    return {
        {"529 overloaded",
         529,
         overloadedError(),
         {},
         "overloaded_error",
         "overloaded_error",
         "Overloaded",
         OutcomeClass::Status5xx,
         -1},
        {"429 rate limit with retry-after", 429, rateLimitError(), "30", "rate_limit_error", "rate_limit_error",
         "This request would exceed the rate limit", OutcomeClass::Status429, 30000},
        {"400 prompt too long",
         400,
         promptTooLongError(),
         {},
         "invalid_request_error",
         "context_length_exceeded",
         "prompt is too long: 203524 tokens > 200000 maximum",
         OutcomeClass::ContextLengthExceeded,
         -1},
        {"400 input and max_tokens over the context limit",
         400,
         R"({"type":"error","error":{"type":"invalid_request_error","message":"input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, decrease input length or `max_tokens` and try again"}})",
         {},
         "invalid_request_error",
         "context_length_exceeded",
         "input length and `max_tokens` exceed context limit",
         OutcomeClass::ContextLengthExceeded,
         -1},
        {"400 output blocked",
         400,
         R"({"type":"error","error":{"type":"invalid_request_error","message":"Output blocked by content filtering policy"}})",
         {},
         "invalid_request_error",
         "invalid_request_error",
         "Output blocked by content filtering policy",
         OutcomeClass::ContentPolicy,
         -1},
        {"400 bad parameter",
         400,
         R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}})",
         {},
         "invalid_request_error",
         "invalid_request_error",
         "max_tokens: Field required",
         OutcomeClass::Status4xx,
         -1},
        {"401 bad key",
         401,
         R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CW"})",
         {},
         "authentication_error",
         "authentication_error",
         "invalid x-api-key",
         OutcomeClass::AuthError,
         -1},
        {"413 request too large",
         413,
         R"({"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}})",
         {},
         "request_too_large",
         "request_too_large",
         "Request exceeds",
         OutcomeClass::Status4xx,
         -1},
        {"500 api error",
         500,
         R"({"type":"error","error":{"type":"api_error","message":"Internal server error"}})",
         {},
         "api_error",
         "api_error",
         "Internal server error",
         OutcomeClass::Status5xx,
         -1},
        {"529 as plain text", 529, "Overloaded", "5", "overloaded_error", "overloaded_error", "Overloaded",
         OutcomeClass::Status5xx, 5000},
        {"502 html from a proxy",
         502,
         "<html><body><h1>502 Bad Gateway</h1></body></html>",
         {},
         "api_error",
         "api_error",
         "<html><body><h1>502 Bad Gateway</h1>",
         OutcomeClass::Status5xx,
         -1},
        {"503 empty",
         503,
         "",
         {},
         "api_error",
         "api_error",
         "The provider answered HTTP 503 with an empty body.",
         OutcomeClass::Status5xx,
         -1},
        {"429 flat message from a gateway", 429, R"({"message":"Too many requests"})", "12", "rate_limit_error",
         "rate_limit_error", "Too many requests", OutcomeClass::Status429, 12000},
    };
}

QByteArray messageWithStopReason(const QByteArray &stopReasonLiteral)
{
    return R"({"id":"msg_01Stop","type":"message","role":"assistant","content":[{"type":"text","text":"Some text"}],"model":"claude-haiku-4-5","stop_reason":)" +
           stopReasonLiteral + R"(,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":20}})";
}

QByteArray toolOnlyMessage()
{
    return R"({"id":"msg_01Tool","type":"message","role":"assistant","content":[{"type":"tool_use","id":"toolu_01Clock","name":"get_time","input":{}}],"model":"claude-haiku-4-5","stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":50,"output_tokens":9}})";
}

std::vector<BadAnswer> badAnswers()
{
    using understudy::OutcomeClass;
    const QByteArray whole = textMessage();
    return {
        {"not json", "<html>maintenance</html>", OutcomeClass::MalformedResponse},
        {"empty", "", OutcomeClass::Truncated},
        {"whitespace", " \r\n", OutcomeClass::Truncated},
        {"cut mid-way", whole.left(whole.size() / 2), OutcomeClass::Truncated},
        {"an array", "[]", OutcomeClass::MalformedResponse},
        {"no content", R"({"id":"msg_1","type":"message","role":"assistant","model":"claude"})",
         OutcomeClass::MalformedResponse},
        {"content not an array", R"({"id":"msg_1","type":"message","content":"hi","stop_reason":"end_turn"})",
         OutcomeClass::MalformedResponse},
        {"an error object", overloadedError(), OutcomeClass::InBandError},
    };
}

} // namespace recordings
