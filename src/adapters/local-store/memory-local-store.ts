import { HeadMark } from '../../domain/messaging/fork-log';
import { KdfParams } from '../../domain/protocol/account-rules';
import { LocalStore } from '../../application/ports/local-store';

/** A LocalStore in process memory: for Node (tests, scripts, a CLI) and as a fallback. */
export class MemoryLocalStore implements LocalStore {
  private deviceId: string | null = null;
  private readonly versions = new Map<string, number>();
  private readonly kdfs = new Map<string, KdfParams>();
  private readonly heads = new Map<string, HeadMark>();

  async loadDeviceId(): Promise<string | null> {
    return this.deviceId;
  }

  async saveDeviceId(deviceId: string): Promise<void> {
    this.deviceId = deviceId;
  }

  async highestBlobVersion(address: string): Promise<number> {
    return this.versions.get(address) ?? 0;
  }

  async recordBlobVersion(address: string, version: number): Promise<void> {
    this.versions.set(address, Math.max(version, this.versions.get(address) ?? 0));
  }

  async rememberedHead(address: string): Promise<HeadMark | null> {
    return this.heads.get(address) ?? null;
  }

  async rememberHead(address: string, mark: HeadMark): Promise<void> {
    const previous = this.heads.get(address);
    if (previous === undefined || mark.version >= previous.version) this.heads.set(address, { ...mark });
  }

  async rememberedKdf(address: string): Promise<KdfParams | null> {
    return this.kdfs.get(address) ?? null;
  }

  async rememberKdf(address: string, kdf: KdfParams): Promise<void> {
    this.kdfs.set(address, { ...kdf });
  }

  async forgetAccount(address: string): Promise<void> {
    this.versions.delete(address);
    this.kdfs.delete(address);
    this.heads.delete(address);
  }
}
