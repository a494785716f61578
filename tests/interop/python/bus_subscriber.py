#!/usr/bin/python3
"""Third-party bus subscriber: reads what the registry publishes on RabbitMQ with pika (Debian's python3-pika),
the way another team's service would: its own durable queue bound to the message type's exchange.

    /usr/bin/python3 tests/interop/python/bus_subscriber.py --url amqp://guest:guest@127.0.0.1:PORT/ \
        --queue my-service --declare-only
    /usr/bin/python3 tests/interop/python/bus_subscriber.py --url ... --queue my-service \
        --program-prefix test-123- --count 40 --timeout 60

--declare-only declares the queue and its binding, then exits (a subscriber that registered and went offline).
Otherwise it consumes: every message of a programme whose id starts with --program-prefix is printed as one
JSON line (the AMQP properties and the MassTransit envelope) and acknowledged; others are acknowledged
silently. It stops once it has seen --count distinct message ids and the queue stayed quiet for --linger
seconds (duplicates arriving late are printed too), and fails (exit 1) when --timeout passes first.
"""
import argparse
import json
import sys
import time

import pika

EXCHANGE = "Registry.Contracts:ProgramStateChanged"


def connect(url):
    parameters = pika.URLParameters(url)
    parameters.connection_attempts = 30
    parameters.retry_delay = 1
    return pika.BlockingConnection(parameters)


def declare(channel, queue, exchange):
    # The same declaration MassTransit makes for a message type: a durable fanout exchange named after it.
    channel.exchange_declare(exchange=exchange, exchange_type="fanout", durable=True)
    channel.queue_declare(queue=queue, durable=True)
    channel.queue_bind(queue=queue, exchange=exchange)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--queue", required=True)
    parser.add_argument("--exchange", default=EXCHANGE)
    parser.add_argument("--declare-only", action="store_true")
    parser.add_argument("--program-prefix", default="")
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--linger", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    connection = connect(args.url)
    channel = connection.channel()
    declare(channel, args.queue, args.exchange)
    if args.declare_only:
        connection.close()
        print(json.dumps({"declared": args.queue}), flush=True)
        return 0

    channel.basic_qos(prefetch_count=200)
    seen = set()
    deadline = time.monotonic() + args.timeout
    last_message = time.monotonic()
    for method, properties, body in channel.consume(args.queue, inactivity_timeout=0.2):
        now = time.monotonic()
        if method is not None:
            last_message = now
            envelope = json.loads(body)
            message = envelope.get("message", {})
            if str(message.get("programId", "")).startswith(args.program_prefix):
                seen.add(envelope.get("messageId"))
                print(json.dumps({
                    "amqpMessageId": properties.message_id,
                    "contentType": properties.content_type,
                    "persistent": properties.delivery_mode == 2,
                    "exchange": method.exchange,
                    "redelivered": method.redelivered,
                    "envelope": envelope,
                }), flush=True)
            channel.basic_ack(method.delivery_tag)
        if len(seen) >= args.count and now - last_message >= args.linger:
            break
        if now > deadline:
            channel.cancel()
            connection.close()
            print("FAIL: saw %d of %d distinct messages within %.0f s" % (len(seen), args.count, args.timeout), file=sys.stderr)
            return 1
    channel.cancel()
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
