package io.licensenotify.adapter.lms;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import io.licensenotify.text.SafeText;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The two LMS endpoints this adapter calls, and the parts of their JSON it reads (the rest is ignored). */
interface LmsApi {
    String LEARNERS_PATH = "/enterprise/api/v1/enterprise-learner/";

    /** Stable order on purpose: the server's default order (-active,-modified) shifts rows between pages. */
    @RequestLine("GET " + LEARNERS_PATH
            + "?enterprise_customer_uuid={enterprise}&role=enterprise_admin&page_size={pageSize}&ordering=user_id")
    @Headers({"Authorization: JWT {token}", "Accept: application/json"})
    LearnerPage firstPage(@Param("enterprise") UUID enterprise, @Param("pageSize") int pageSize,
                          @Param("token") String token);

    /** A {@code next} link as the LMS gave it, query and all. */
    @RequestLine("GET")
    @Headers({"Authorization: JWT {token}", "Accept: application/json"})
    LearnerPage page(URI next, @Param("token") String token);

    /** OAuth2 client credentials; {@code form} is the url-encoded form body. */
    @RequestLine("POST")
    @Headers({"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"})
    TokenJson token(URI tokenUrl, String form);

    /** A page of rows; each row stays a tree so that one row that cannot be read costs that row only. */
    record LearnerPage(String next, List<JsonNode> results) {
    }

    record TokenJson(String accessToken, Long expiresIn, String tokenType) {
        @Override
        public String toString() {
            return "TokenJson[accessToken=" + SafeText.MASK + ", expiresIn=" + expiresIn
                    + ", tokenType=" + tokenType + "]";
        }
    }
}
