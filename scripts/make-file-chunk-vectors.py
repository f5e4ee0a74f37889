#!/usr/bin/env python3
"""Writes test/vectors/file-chunks.json: PROTOCOL §9.1 file chunk encryption, computed independently of the
TypeScript client (Python's hashlib and the `cryptography` package's AES-GCM), so the client is checked
against the text of the protocol rather than against itself.

    python3 scripts/make-file-chunk-vectors.py
"""
import base64
import hashlib
import json
import os
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

CHUNK = 1048576
BLOCK = 65536
AAD = b"starbase/2 file"


def nonce(index: int, last: bool) -> bytes:
    return b"\x00" * 4 + index.to_bytes(7, "big") + (b"\x01" if last else b"\x00")


def pad(data: bytes) -> bytes:
    padded = data + b"\x80"
    return padded + b"\x00" * (-len(padded) % BLOCK)


def pattern(size: int) -> bytes:
    return bytes(i % 251 for i in range(size))


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def file_vector(name: str, key: bytes, size: int) -> dict:
    data = pattern(size)
    count = max(1, -(-size // CHUNK))
    chunks = []
    for index in range(count):
        last = index == count - 1
        plain = data[index * CHUNK : (index + 1) * CHUNK]
        if last:
            plain = pad(plain)
        sealed = AESGCM(key).encrypt(nonce(index, last), plain, AAD)
        chunks.append({
            "index": index,
            "last": last,
            "nonce": nonce(index, last).hex(),
            "paddedBytes": len(plain),
            "sealedBytes": len(sealed),
            "sealedSha256": hashlib.sha256(sealed).hexdigest(),
            "tag": sealed[-16:].hex(),
        })
    return {"name": name, "key": key.hex(), "size": size, "sha256": b64u(hashlib.sha256(data).digest()), "chunks": chunks}


KEY_A = bytes(range(32))
KEY_B = bytes(0xFF - i for i in range(32))
vectors = {
    "source": "PROTOCOL §9.1, computed by scripts/make-file-chunk-vectors.py (Python hashlib + cryptography AESGCM), independent of the TypeScript client",
    "chunkBytes": CHUNK,
    "padBlock": BLOCK,
    "aad": AAD.decode(),
    "plaintextPattern": "byte i of a file is i mod 251",
    "nonces": [
        {"index": index, "last": last, "nonce": nonce(index, last).hex()}
        for index, last in [(0, False), (0, True), (1, False), (99, True), (2**32 + 7, False), (2**53 - 1, True)]
    ],
    "padding": [
        {"plaintextBytes": n, "paddedBytes": len(pad(pattern(n))), "paddedSha256": hashlib.sha256(pad(pattern(n))).hexdigest()}
        for n in [0, 1, 65534, 65535, 65536, 65537, CHUNK - 1, CHUNK]
    ],
    "files": [
        file_vector("empty", KEY_A, 0),
        file_vector("one byte", KEY_A, 1),
        file_vector("one block less one byte", KEY_A, BLOCK - 1),
        file_vector("exactly one block", KEY_B, BLOCK),
        file_vector("one chunk less one byte", KEY_A, CHUNK - 1),
        file_vector("exactly one chunk", KEY_B, CHUNK),
        file_vector("one chunk and one byte", KEY_A, CHUNK + 1),
        file_vector("two chunks and a hundred bytes", KEY_B, 2 * CHUNK + 100),
    ],
}

out = os.path.join(os.path.dirname(__file__), "..", "test", "vectors", "file-chunks.json")
with open(out, "w") as handle:
    json.dump(vectors, handle, indent=2)
    handle.write("\n")
