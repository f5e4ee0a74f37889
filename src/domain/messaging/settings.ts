import { BlobDocument, SettingValue } from './blob-document';
import { stampWrite } from './document-updates';
import { lww } from './lww';
import { getOwn, setOwn } from './own-record';

/** Settings merge per key, so two devices changing different settings both keep their change. */
export const setSetting = (
  doc: BlobDocument,
  input: { readonly key: string; readonly value: SettingValue; readonly now: number; readonly deviceId: string },
): BlobDocument => {
  const stamped = stampWrite(doc, input.now, input.deviceId);
  return { ...stamped.doc, settings: setOwn(doc.settings, input.key, lww(input.value, stamped.stamp)) };
};

export const getSetting = (doc: BlobDocument, key: string): SettingValue | undefined => getOwn(doc.settings, key)?.value;
