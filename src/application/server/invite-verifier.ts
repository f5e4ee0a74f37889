/** Redeems invite codes when registration is `invite` (RedeemInvite, over the stored invites). */
export interface InviteVerifier {
  /** True only for the one call that used up a valid code. */
  redeem(code: string): Promise<boolean>;
}
