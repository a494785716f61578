#!/usr/bin/python3
"""An independent verifier of the registry's audit bundles, written from docs/audit.md and RFC 9162.

Uses only hashlib and Debian's python3-cryptography (for the ECDSA P-256 signature). Exit 0 when the bundle
verifies, 2 when it does not (each failure printed), 1 on a usage error.

    audit_verify.py BUNDLE.jsonl --public-key KEY.pem
"""
import argparse
import base64
import hashlib
import json
import struct
import sys
import uuid

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

FORMAT = "registry-audit-bundle/1"
HEAD_CONTEXT = b"registry-tree-head-v1\n"


def sha256(data):
    return hashlib.sha256(data).digest()


def leaf_hash(leaf):
    return sha256(b"\x00" + leaf)


def node_hash(left, right):
    return sha256(b"\x01" + left + right)


def length_prefixed(data):
    return struct.pack(">I", len(data)) + data


def encode_leaf(event):
    """docs/audit.md section 2, version 1."""
    return (
        b"\x01"
        + uuid.UUID(event["event_id"]).bytes
        + length_prefixed(event["stream"].encode("utf-8"))
        + struct.pack(">q", event["revision"])
        + length_prefixed(event["type"].encode("utf-8"))
        + length_prefixed(base64.b64decode(event["data"], validate=True))
        + length_prefixed(base64.b64decode(event["metadata"], validate=True))
        + struct.pack(">q", event["record_ticks"])
        + struct.pack(">QQ", event["commit_position"], event["prepare_position"])
    )


def head_signed_bytes(head):
    """docs/audit.md section 3."""
    root = bytes.fromhex(head["root_hash"])
    if len(root) != 32:
        raise ValueError("root_hash is not 32 bytes")
    return (
        HEAD_CONTEXT
        + struct.pack(">Q", head["tree_size"])
        + root
        + struct.pack(">QQQ", head["timestamp_ms"], head["commit_position"], head["prepare_position"])
    )


def verify_inclusion(index, size, hash_, path, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, hash_
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def fingerprint(public_key):
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def verify(lines, public_key):
    """Returns the list of failures; empty when the bundle verifies."""
    failures = []
    key_fingerprint = fingerprint(public_key)
    records = [(n, json.loads(line)) for n, line in enumerate(lines, start=1) if line.strip()]
    if len(records) < 2 or records[0][1].get("record") != "header" or records[1][1].get("record") != "head":
        return ["the bundle does not start with a header and a head"]
    header, head = records[0][1], records[1][1]
    if header.get("format") != FORMAT:
        return ["unknown format %r" % header.get("format")]
    if header["key_fingerprint"] != key_fingerprint or head["key_fingerprint"] != key_fingerprint:
        return ["the head was signed by key %s, not by the key given (%s)" % (head["key_fingerprint"], key_fingerprint)]
    try:
        public_key.verify(base64.b64decode(head["signature"]), head_signed_bytes(head), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return ["the signature of the head (size %d) does not verify with the key given" % head["tree_size"]]
    size, root = head["tree_size"], bytes.fromhex(head["root_hash"])

    expected = 0
    for line_number, leaf in records[2:]:
        if leaf.get("record") != "leaf":
            failures.append("line %d: not a leaf record" % line_number)
            continue
        index, event = leaf["leaf_index"], leaf["event"]
        name = "line %d: leaf %d (event %s, %s@%d)" % (line_number, index, event["event_id"], event["stream"], event["revision"])
        if header["complete"] and index != expected:
            failures.append("%s: expected leaf %d next in a complete bundle" % (name, expected))
        expected = index + 1
        computed = leaf_hash(encode_leaf(event))
        if computed != bytes.fromhex(leaf["leaf_hash"]):
            failures.append("%s: the event does not hash to the recorded leaf hash" % name)
            continue
        if not verify_inclusion(index, size, computed, [bytes.fromhex(p) for p in leaf["audit_path"]], root):
            failures.append("%s: the inclusion proof does not lead to the signed root" % name)
    if header["complete"] and expected != size:
        failures.append("the bundle claims the whole log but holds leaves up to %d of %d" % (expected, size))
    return failures


def main():
    parser = argparse.ArgumentParser(description="Verify a registry audit bundle offline.")
    parser.add_argument("bundle")
    parser.add_argument("--public-key", required=True)
    args = parser.parse_args()
    try:
        with open(args.public_key, "rb") as f:
            public_key = serialization.load_pem_public_key(f.read())
        with open(args.bundle, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, ValueError) as e:
        print("error: %s" % e, file=sys.stderr)
        return 1
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or public_key.curve.name != "secp256r1":
        print("error: the key is not an ECDSA P-256 public key", file=sys.stderr)
        return 1
    try:
        failures = verify(lines, public_key)
    except (ValueError, KeyError, TypeError) as e:
        failures = ["not a valid bundle: %s" % e]
    for failure in failures:
        print("FAILED: %s" % failure)
    if failures:
        print("NOT verified: %d failure(s)" % len(failures))
        return 2
    print("verified: %d leaves under the signed head of size %d" % (len(lines) - 2, json.loads(lines[1])["tree_size"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
