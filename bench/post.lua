-- wrk script: ~300-byte JSON POST, like a small chat completion request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"bench-model","messages":[{"role":"system","content":"You are a terse assistant."},' ..
           '{"role":"user","content":"Summarise the difference between a retry and a fallback in one sentence, please."}],' ..
           '"temperature":0.2,"max_tokens":64,"stream":false,"user":"bench"}'
