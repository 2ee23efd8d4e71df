// Request translation, content parts: OpenAI message content (a string or
// text, refusal, image_url and file parts) as Anthropic text, image and
// document blocks. Data URLs become base64 sources.

#include "providers/anthropic/RequestParts.h"

#include <QStringList>

namespace understudy::anthropic::detail {

namespace {

// The image types the Messages API accepts as base64 sources.
bool supportedImageType(const QString &mediaType)
{
    static const QStringList types{QStringLiteral("image/jpeg"), QStringLiteral("image/png"),
                                   QStringLiteral("image/gif"), QStringLiteral("image/webp")};
    return types.contains(mediaType);
}

struct DataUrl
{
    QString mediaType;
    QByteArray base64;
};

// "data:[<media type>][;param...][;base64],<data>" (RFC 2397). Percent-encoded
// payloads are decoded and re-encoded as base64, the only form Anthropic takes.
std::optional<DataUrl> parseDataUrl(const std::string &url)
{
    const QByteArray bytes = QByteArray::fromStdString(url);
    if (!bytes.startsWith("data:"))
        return std::nullopt;
    const qsizetype comma = bytes.indexOf(',');
    if (comma < 0)
        return std::nullopt;
    const QList<QByteArray> params = bytes.mid(5, comma - 5).split(';');
    DataUrl out;
    out.mediaType = QString::fromLatin1(params.value(0).trimmed().toLower());
    const bool base64 = params.size() > 1 && params.last().trimmed().toLower() == "base64";
    const QByteArray payload = bytes.mid(comma + 1);
    if (base64) {
        QByteArray compact = payload;
        compact.replace(' ', "").replace('\n', "").replace('\r', "");
        out.base64 = compact;
    } else {
        out.base64 = QByteArray::fromPercentEncoding(payload).toBase64();
    }
    return out;
}

std::optional<ojson> imageBlock(RequestIssues &issues, const ojson &part, const QString &at)
{
    // {"image_url": {"url": ..., "detail": ...}}; some clients send the URL
    // as a plain string. "detail" has no Anthropic equivalent.
    const ojson *image = member(part, "image_url");
    const QString urlAt = at + QStringLiteral(".image_url.url");
    const ojson *url = image && image->is_object() ? member(*image, "url") : image;
    if (!url) {
        issues.missing(image ? urlAt : at + QStringLiteral(".image_url"));
        return std::nullopt;
    }
    if (!url->is_string() || url->get<std::string>().empty()) {
        issues.wrongType(urlAt, QStringLiteral("a non-empty string"), *url);
        return std::nullopt;
    }
    const std::string text = url->get<std::string>();
    if (text.starts_with("data:")) {
        const std::optional<DataUrl> data = parseDataUrl(text);
        if (!data || data->base64.isEmpty()) {
            issues.wrongValue(urlAt, QStringLiteral("expected a data URL of the form data:<type>;base64,<data>."));
            return std::nullopt;
        }
        if (!supportedImageType(data->mediaType)) {
            issues.unsupported(urlAt, QStringLiteral("has image type '%1'; Anthropic accepts image/jpeg, image/png, "
                                                     "image/gif and image/webp.")
                                          .arg(data->mediaType.left(64)));
            return std::nullopt;
        }
        return ojson{
            {"type", "image"},
            {"source",
             ojson{{"type", "base64"}, {"media_type", toUtf8(data->mediaType)}, {"data", data->base64.toStdString()}}}};
    }
    return ojson{{"type", "image"}, {"source", ojson{{"type", "url"}, {"url", text}}}};
}

std::optional<ojson> fileBlock(RequestIssues &issues, const ojson &part, const QString &at)
{
    // Only inline PDFs map onto Anthropic (a base64 document block);
    // OpenAI file ids name files stored at OpenAI.
    const ojson *file = member(part, "file");
    if (!file || !file->is_object()) {
        issues.wrongType(at + QStringLiteral(".file"), QStringLiteral("an object"), file ? *file : ojson());
        return std::nullopt;
    }
    const std::string data = str(*file, "file_data");
    const QString dataAt = at + QStringLiteral(".file.file_data");
    if (data.empty()) {
        issues.unsupported(at + QStringLiteral(".file"),
                           QStringLiteral("needs inline 'file_data': file ids are not available to Anthropic."));
        return std::nullopt;
    }
    const std::optional<DataUrl> url = parseDataUrl(data);
    if (!url || url->base64.isEmpty() || url->mediaType != QLatin1String("application/pdf")) {
        issues.unsupported(dataAt,
                           QStringLiteral("must be a data:application/pdf;base64 URL: Anthropic documents are PDFs."));
        return std::nullopt;
    }
    ojson block{
        {"type", "document"},
        {"source", ojson{{"type", "base64"}, {"media_type", "application/pdf"}, {"data", url->base64.toStdString()}}}};
    if (const std::string name = str(*file, "filename"); !name.empty())
        block["title"] = name;
    return block;
}

} // namespace

ojson contentBlocks(RequestIssues &issues, const ojson &content, const QString &at, bool images)
{
    ojson blocks = ojson::array();
    if (content.is_string()) {
        if (!isBlank(content.get<std::string>()))
            blocks.push_back(ojson{{"type", "text"}, {"text", content}});
        return blocks;
    }
    if (!content.is_array()) {
        issues.wrongType(at, QStringLiteral("a string or an array of content parts"), content);
        return blocks;
    }
    for (size_t j = 0; j < content.size() && !issues.failed(); ++j) {
        const ojson &part = content[j];
        const QString partAt = at + QStringLiteral("[%1]").arg(j);
        if (!part.is_object()) {
            issues.wrongType(partAt, QStringLiteral("an object"), part);
            break;
        }
        const ojson *type = member(part, "type");
        if (!type) {
            issues.missing(partAt + QStringLiteral(".type"));
            break;
        }
        if (!type->is_string()) {
            issues.wrongType(partAt + QStringLiteral(".type"), QStringLiteral("a string"), *type);
            break;
        }
        const std::string kind = type->get<std::string>();
        if (kind == "text" || kind == "refusal") {
            const char *key = kind == "text" ? "text" : "refusal";
            const ojson *text = member(part, key);
            if (!text || !text->is_string()) {
                issues.wrongType(partAt + QLatin1Char('.') + QLatin1String(key), QStringLiteral("a string"),
                                 text ? *text : ojson());
                break;
            }
            if (!isBlank(text->get<std::string>()))
                blocks.push_back(ojson{{"type", "text"}, {"text", *text}});
        } else if ((kind == "image_url" || kind == "file") && !images) {
            issues.unsupported(partAt + QStringLiteral(".type"),
                               QStringLiteral("'%1' is only supported in user and tool messages.").arg(fromUtf8(kind)));
        } else if (kind == "image_url") {
            if (std::optional<ojson> block = imageBlock(issues, part, partAt))
                blocks.push_back(std::move(*block));
        } else if (kind == "file") {
            if (std::optional<ojson> block = fileBlock(issues, part, partAt))
                blocks.push_back(std::move(*block));
        } else if (kind == "input_audio") {
            issues.unsupported(partAt + QStringLiteral(".type"),
                               QStringLiteral("'input_audio' is not supported by Anthropic's Messages API."));
        } else {
            issues.wrongValue(
                partAt + QStringLiteral(".type"),
                QStringLiteral("'%1' is not one of text, image_url, file, refusal.").arg(fromUtf8(kind).left(64)));
        }
    }
    return blocks;
}

} // namespace understudy::anthropic::detail
