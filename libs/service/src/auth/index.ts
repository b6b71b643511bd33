export { apiScopes, isApiScope, parseScopes, type ApiScope } from './api-scopes';
export { AuthenticationError, PermissionError } from './auth-errors';
export { parseTokenLifetime } from './token-lifetime';
export { TokenIssuer, type TokenRequest, type IssuedToken } from './token-issuer';
export { TokenVerifier, requireScope, type Principal } from './token-verifier';
export { tokenDigest } from './token-digest';
