package dev.bulwark.core.internal.jwt;

/**
 * Why a token was not accepted. Each reason is a stable rule id in the security log; the client
 * only learns that its token is invalid.
 */
enum TokenRejection {
    MISSING("JWT-MISSING", "no token in a request that requires one"),
    AMBIGUOUS("JWT-AMBIGUOUS", "more than one token or Authorization header"),
    TOO_LARGE("JWT-TOO-LARGE", "token longer than max-token-size"),
    MALFORMED("JWT-MALFORMED", "token is not a well-formed signed JWT"),
    UNSIGNED("JWT-UNSIGNED", "unsigned token (alg none) or encrypted token"),
    UNKNOWN_ISSUER("JWT-UNKNOWN-ISSUER", "iss is missing or not a configured issuer"),
    ALGORITHM("JWT-ALGORITHM", "signature algorithm not accepted from this issuer"),
    CRITICAL_HEADER("JWT-CRITICAL-HEADER", "token marks header parameters critical that are not understood"),
    TYPE("JWT-TYPE", "typ header not accepted"),
    UNKNOWN_KEY("JWT-UNKNOWN-KEY", "no key of the issuer matches the token"),
    BAD_SIGNATURE("JWT-BAD-SIGNATURE", "signature does not verify"),
    EXPIRED("JWT-EXPIRED", "token expired"),
    MISSING_EXPIRATION("JWT-MISSING-EXP", "token has no exp claim"),
    NOT_YET_VALID("JWT-NOT-YET-VALID", "nbf lies in the future"),
    ISSUED_IN_FUTURE("JWT-IAT-FUTURE", "iat lies in the future"),
    LIFETIME("JWT-LIFETIME", "token lifetime exceeds max-lifetime"),
    WRONG_AUDIENCE("JWT-WRONG-AUDIENCE", "aud contains none of the accepted audiences");

    private final String ruleId;
    private final String description;

    TokenRejection(String ruleId, String description) {
        this.ruleId = ruleId;
        this.description = description;
    }

    String ruleId() {
        return ruleId;
    }

    String description() {
        return description;
    }
}
