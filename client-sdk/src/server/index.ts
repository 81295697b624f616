/** @causette/client-sdk/server: what a brand's backend needs, kept out of the browser entry. */
export {
  signUserToken, type PrivateKeySigningOptions, type SecretSigningOptions, type SignUserTokenOptions, type UserTokenClaims, type UserTokenRole,
} from "./sign-user-token.ts";
