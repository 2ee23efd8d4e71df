#!/usr/bin/env python3
"""Streaming (SSE) upstream for the benchmarks: answers any POST with an
OpenAI-style chat.completion.chunk stream. The first event is written right
after the response head, so time-to-first-byte measures the proxies, not
this server. Usage: sse_upstream.py PORT [EVENTS] [GAP_MS]"""
import asyncio
import json
import sys

PORT = int(sys.argv[1])
EVENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
GAP = (int(sys.argv[3]) if len(sys.argv) > 3 else 5) / 1000.0


def chunk(i, text, finish=None):
    body = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "created": 0,
            "model": "bench-model",
            "choices": [{"index": 0, "delta": {"content": text} if text else {},
                         "finish_reason": finish}]}
    return ("data: " + json.dumps(body) + "\n\n").encode()


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await reader.readexactly(length)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                         b"Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n")
            for i in range(EVENTS):
                data = chunk(i, "tok%d " % i)
                writer.write(b"%x\r\n%s\r\n" % (len(data), data))
                await writer.drain()
                await asyncio.sleep(GAP)
            tail = chunk(EVENTS, None, "stop") + b"data: [DONE]\n\n"
            writer.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(tail), tail))
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", PORT)
    async with server:
        await server.serve_forever()

asyncio.run(main())
