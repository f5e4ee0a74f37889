import { AckInbox } from './ack-inbox';
import { AuthenticateSession } from './authenticate-session';
import { AuthorizeDrop } from './authorize-drop';
import { ChangeCredentials } from './change-credentials';
import { CloseSession } from './close-session';
import { DeleteAccount } from './delete-account';
import { DeleteStoreObject } from './delete-store-object';
import { DropFriendRequest } from './drop-friend-request';
import { DropMessage } from './drop-message';
import { DropObject } from './drop-object';
import { FindStoreObject } from './find-store-object';
import { GetKdfParams } from './get-kdf-params';
import { GetProfile } from './get-profile';
import { IssueCaptcha } from './issue-captcha';
import { IssueDropToken } from './issue-drop-token';
import { ListDropTokens } from './list-drop-tokens';
import { ListInbox } from './list-inbox';
import { ListStoreObjects } from './list-store-objects';
import { OpenSession } from './open-session';
import { PurgeExpired } from './purge-expired';
import { PutStoreObject } from './put-store-object';
import { ReadStoreObject } from './read-store-object';
import { ReadUserBlob } from './read-user-blob';
import { RegisterAccount } from './register-account';
import { RevokeDropToken } from './revoke-drop-token';
import { ServerDependencies } from './server-dependencies';
import { UpdateAccountSettings } from './update-account-settings';
import { WriteUserBlob } from './write-user-blob';

/** Every server use case over one dependency bag: the single place they are wired. */
export const createServerUseCases = (deps: ServerDependencies) => ({
  getKdfParams: new GetKdfParams(deps),
  registerAccount: new RegisterAccount(deps),
  openSession: new OpenSession(deps),
  closeSession: new CloseSession(deps),
  authenticateSession: new AuthenticateSession(deps),
  readUserBlob: new ReadUserBlob(deps),
  writeUserBlob: new WriteUserBlob(deps),
  putStoreObject: new PutStoreObject(deps),
  readStoreObject: new ReadStoreObject(deps),
  findStoreObject: new FindStoreObject(deps),
  deleteStoreObject: new DeleteStoreObject(deps),
  listStoreObjects: new ListStoreObjects(deps),
  updateAccountSettings: new UpdateAccountSettings(deps),
  changeCredentials: new ChangeCredentials(deps),
  deleteAccount: new DeleteAccount(deps),
  issueDropToken: new IssueDropToken(deps),
  listDropTokens: new ListDropTokens(deps),
  revokeDropToken: new RevokeDropToken(deps),
  getProfile: new GetProfile(deps),
  issueCaptcha: new IssueCaptcha(deps),
  dropFriendRequest: new DropFriendRequest(deps),
  authorizeDrop: new AuthorizeDrop(deps),
  dropMessage: new DropMessage(deps),
  dropObject: new DropObject(deps),
  listInbox: new ListInbox(deps),
  ackInbox: new AckInbox(deps),
  purgeExpired: new PurgeExpired(deps),
});

export type ServerUseCases = ReturnType<typeof createServerUseCases>;
