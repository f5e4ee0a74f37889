import { OutgoingFile } from './send-file-chunks';
import { UploadJournal } from './upload-journal';

/**
 * A message with files that has not been sent yet, kept on this device so that a reload or a lost
 * connection does not lose it (issue 15): who it goes to, the text typed with it, and the files.
 */
export interface PendingUpload {
  readonly id: string;
  readonly to: string;
  readonly body: string;
  readonly files: readonly OutgoingFile[];
}

/** Pending uploads of one account on this device, until their message is sent or they are cancelled. */
export interface PendingUploadStore {
  keep(upload: PendingUpload): Promise<void>;
  list(): Promise<readonly PendingUpload[]>;
  forget(id: string): Promise<void>;
  /**
   * Takes the upload for this page until the answered release is called (or the page goes), so two
   * tabs never send it twice; null while another page has it.
   */
  claim(id: string): Promise<(() => void) | null>;
}

/** What one account keeps about its uploads on this device; the keys let an adapter seal what it stores. */
export interface UploadStores {
  readonly journal: UploadJournal;
  readonly pending: PendingUploadStore;
  /** Deletes everything of the account's uploads on this device (account deleted, browser forgotten). */
  forgetAll(): Promise<void>;
}

/** Opens an account's upload stores; `blobKey` is copied, as the account wipes its own on logout. */
export type OpenUploadStores = (account: { readonly address: string; readonly blobKey: Uint8Array }) => UploadStores;
