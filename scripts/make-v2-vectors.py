#!/usr/bin/env python3
"""Writes test/vectors/file-chunks.json (PROTOCOL §9.1 file chunks) and test/vectors/store-objects.json
(§8.3 objects the owner writes for itself), computed independently of the TypeScript client (Python's
hashlib and the `cryptography` package's AES-GCM and HKDF), so the client is checked against the text of
the protocol rather than against itself.

    python3 scripts/make-v2-vectors.py
"""
import base64
import hashlib
import json
import os
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

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
    "source": "PROTOCOL §9.1, computed by scripts/make-v2-vectors.py (Python hashlib + cryptography AESGCM), independent of the TypeScript client",
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



def pad256(data: bytes) -> bytes:
    padded = data + b"\x80"
    return padded + b"\x00" * (-len(padded) % 256)


def store_object(name: str, store_key: bytes, account: str, object_id: str, nonce_: bytes, plaintext: str) -> dict:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=object_id.encode(), info=b"starbase/2 object").derive(store_key)
    aad = f"starbase/2 object {account} {object_id}".encode()
    sealed = AESGCM(key).encrypt(nonce_, pad256(plaintext.encode()), aad)
    return {
        "name": name, "storeKey": store_key.hex(), "account": account, "id": object_id, "nonce": nonce_.hex(),
        "plaintext": plaintext, "objectKey": key.hex(), "aad": aad.decode(), "object": (nonce_ + sealed).hex(),
    }


store_objects = {
    "source": "PROTOCOL §8.3, computed by scripts/make-v2-vectors.py (Python cryptography HKDF + AESGCM), independent of the TypeScript client",
    "objects": [
        store_object("empty page", bytes(range(32)), "alice", "AAAAAAAAAAAAAAAAAAAAAA", bytes(12), ""),
        store_object("a page of two messages", bytes(range(32)), "alice", "q83vEjRWeJCrze8SNFZ4kA", bytes(range(12)),
                     json.dumps({"format": 2, "kind": "messages", "messages": [{"id": "m1", "body": "hello"}, {"id": "m2", "body": "שלום 👋"}]}, ensure_ascii=False, separators=(",", ":"))),
        store_object("another account, same id and key", bytes(range(32)), "bob", "q83vEjRWeJCrze8SNFZ4kA", bytes(range(12)), "same text"),
        store_object("exactly 255 bytes (one block after the marker)", bytes(0xFF - i for i in range(32)), "carol.x-1", "_-_-_-_-_-_-_-_-_-_-_w", bytes([9] * 12), "x" * 255),
    ],
}

vector_dir = os.path.join(os.path.dirname(__file__), "..", "test", "vectors")
for file_name, content in [("file-chunks.json", vectors), ("store-objects.json", store_objects)]:
    with open(os.path.join(vector_dir, file_name), "w") as handle:
        json.dump(content, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
