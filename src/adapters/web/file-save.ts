import type { FileSink } from '../../application/ports/file-sink';

type SaveFilePicker = (options: { readonly suggestedName: string }) => Promise<FileSystemFileHandle>;

/**
 * Where a downloaded file goes. Where the browser has the File System Access save picker (Chromium
 * on desktops), straight into the file the user picks, one chunk at a time: Chromium writes to a
 * temporary swap file and puts it in place only on `close`, so an aborted (broken) file leaves
 * nothing of its content. Elsewhere the chunks become a Blob saved through a download link: the
 * whole file then sits in the browser's blob store (memory, or disk for large blobs) until saved.
 * Call it from the click itself: the picker needs the user's gesture. Null: the user cancelled.
 */
export const openSaveSink = async (name: string): Promise<FileSink | null> => {
  const picker = (window as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  if (typeof picker !== 'function') return new DownloadLinkSink(name);
  let handle: FileSystemFileHandle;
  try {
    handle = await picker.call(window, { suggestedName: name });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    throw error;
  }
  return new WritableFileSink(await handle.createWritable());
};

class WritableFileSink implements FileSink {
  constructor(private readonly writable: FileSystemWritableFileStream) {}

  write(plaintext: Uint8Array): Promise<void> {
    return this.writable.write(plaintext as Uint8Array<ArrayBuffer>);
  }

  close(): Promise<void> {
    return this.writable.close();
  }

  abort(): Promise<void> {
    return this.writable.abort();
  }
}

class DownloadLinkSink implements FileSink {
  /** One Blob per chunk: the bytes move to the blob store and the page's copy can be collected at once. */
  private parts: Blob[] = [];

  constructor(private readonly name: string) {}

  write(plaintext: Uint8Array): Promise<void> {
    this.parts.push(new Blob([plaintext as Uint8Array<ArrayBuffer>]));
    return Promise.resolve();
  }

  close(): Promise<void> {
    // As octet-stream, so the browser never renders the file.
    saveThroughLink(this.name, new Blob(this.parts, { type: 'application/octet-stream' }));
    this.parts = [];
    return Promise.resolve();
  }

  abort(): Promise<void> {
    this.parts = [];
    return Promise.resolve();
  }
}

const saveThroughLink = (name: string, blob: Blob): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
