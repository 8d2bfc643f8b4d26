using System.Globalization;
using System.Net;
using System.Text;

namespace AgentOs.Network;

/// <summary>
/// A minimal HTTP/1.1 client exchange over one stream: writes the request (with <c>Content-Length</c> and
/// <c>Connection: close</c>), then parses the status line, headers and a body delimited by <c>Content-Length</c>,
/// chunked transfer coding, or the end of the stream (RFC 9112 §6.3). Interim 1xx responses are skipped.
/// </summary>
internal sealed class HttpWire
{
    /// <summary>The longest status, header or chunk-size line accepted.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    public HttpWire(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>Sends <paramref name="request"/> and reads the response; <paramref name="host"/> is the default Host.</summary>
    public async Task<HttpResponseMessage> ExchangeAsync(HttpRequestMessage request, string host, CancellationToken cancellationToken)
    {
        await WriteRequestAsync(request, host, cancellationToken).ConfigureAwait(false);
        return await ReadResponseAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteRequestAsync(HttpRequestMessage request, string host, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var target = request.RequestUri switch
        {
            null => "/",
            { IsAbsoluteUri: true } uri => uri.PathAndQuery,
            var uri => uri.OriginalString.StartsWith('/') ? uri.OriginalString : "/" + uri.OriginalString,
        };
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{request.Method.Method} {target} HTTP/1.1\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Host: {request.Headers.Host ?? host}\r\n");
        foreach (var (name, values) in request.Headers)
        {
            if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                AppendHeader(head, name, values);
            }
        }

        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    AppendHeader(head, name, values);
                }
            }
        }

        if (request.Content is not null || request.Method == HttpMethod.Post || request.Method == HttpMethod.Put)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
        if (body.Length > 0)
        {
            await _stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> ReadResponseAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var statusLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new HttpRequestException("The guest closed the connection before sending a response.");
            var (version, status, reason) = ParseStatusLine(statusLine);
            var headers = new List<(string Name, string Value)>();
            while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } line)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw new HttpRequestException($"Malformed response header line: \"{line}\".");
                }

                headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }

            if (status is >= 100 and < 200 && status != 101)
            {
                continue;
            }

            var body = await ReadBodyAsync(request.Method, status, headers, cancellationToken).ConfigureAwait(false);
            var response = new HttpResponseMessage((HttpStatusCode)status)
            {
                Version = version,
                ReasonPhrase = reason,
                RequestMessage = request,
                Content = new ByteArrayContent(body),
            };
            foreach (var (name, value) in headers)
            {
                if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    continue; // the body handed out is already decoded
                }

                if (!response.Headers.TryAddWithoutValidation(name, value))
                {
                    response.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            response.Content.Headers.ContentLength = body.Length;
            return response;
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpMethod method, int status, List<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        if (method == HttpMethod.Head || status is 204 or 304 or (>= 100 and < 200))
        {
            return [];
        }

        var transferEncoding = Header(headers, "Transfer-Encoding");
        if (transferEncoding is not null && transferEncoding.TrimEnd().EndsWith("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }

        if (transferEncoding is null && Header(headers, "Content-Length") is { } lengthText)
        {
            if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > Array.MaxLength)
            {
                throw new HttpRequestException($"Invalid Content-Length \"{lengthText}\".");
            }

            var body = new byte[length];
            await ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
            return body;
        }

        using var all = new MemoryStream();
        all.Write(_buffer, _start, _end - _start);
        _start = _end;
        await _stream.CopyToAsync(all, cancellationToken).ConfigureAwait(false);
        return all.ToArray();
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new HttpRequestException("The response ended inside a chunked body.");
            var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
            var sizeText = (semicolon < 0 ? sizeLine : sizeLine[..semicolon]).Trim();
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new HttpRequestException($"Invalid chunk size \"{sizeLine}\".");
            }

            if (size == 0)
            {
                // Trailer fields up to the empty line; ignored.
                while (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 })
                {
                }

                return body.ToArray();
            }

            var chunk = new byte[size];
            await ReadExactlyAsync(chunk, cancellationToken).ConfigureAwait(false);
            body.Write(chunk);
            if (await ReadLineAsync(cancellationToken).ConfigureAwait(false) is not { Length: 0 })
            {
                throw new HttpRequestException("A chunk is not followed by CRLF.");
            }
        }
    }

    // One CRLF- (or LF-) terminated line as Latin-1 text; null at EOF before any byte.
    private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (line.Count == 0)
                {
                    return null;
                }

                throw new HttpRequestException("The response ended inside a header line.");
            }

            var b = _buffer[_start++];
            if (line.Count >= MaxLineBytes)
            {
                throw new HttpRequestException($"A response line exceeds {MaxLineBytes} bytes.");
            }

            if (b == '\n')
            {
                if (line.Count > 0 && line[^1] == '\r')
                {
                    line.RemoveAt(line.Count - 1);
                }

                return Encoding.Latin1.GetString([.. line]);
            }

            line.Add(b);
        }
    }

    private async Task ReadExactlyAsync(Memory<byte> target, CancellationToken cancellationToken)
    {
        var buffered = Math.Min(_end - _start, target.Length);
        _buffer.AsMemory(_start, buffered).CopyTo(target);
        _start += buffered;
        if (buffered < target.Length)
        {
            try
            {
                await _stream.ReadExactlyAsync(target[buffered..], cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException e)
            {
                throw new HttpRequestException("The response body ended early.", e);
            }
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        return _end > 0;
    }

    private static (Version Version, int Status, string Reason) ParseStatusLine(string line)
    {
        // HTTP/1.1 200 OK
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !Version.TryParse(parts[0][5..], out var version)
            || parts[1].Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new HttpRequestException($"Malformed status line: \"{line}\".");
        }

        return (version, status, parts.Length == 3 ? parts[2] : string.Empty);
    }

    private static string? Header(List<(string Name, string Value)> headers, string name) =>
        headers.LastOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static void AppendHeader(StringBuilder head, string name, IEnumerable<string> values) =>
        head.Append(CultureInfo.InvariantCulture, $"{name}: {string.Join(", ", values)}\r\n");
}
