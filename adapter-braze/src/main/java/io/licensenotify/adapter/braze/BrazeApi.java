package io.licensenotify.adapter.braze;

import feign.Headers;
import feign.RequestLine;

/** Braze's REST endpoint for API-triggered campaigns. Authorization is added by an interceptor. */
interface BrazeApi {
    @RequestLine("POST /campaigns/trigger/send")
    @Headers("Content-Type: application/json")
    BrazeJson.TriggerResponse trigger(BrazeJson.TriggerRequest request);
}
