/** Above the 100 kB an email body may have, so an oversized body is named by validation, not cut off. */
export const REQUEST_BODY_LIMIT = '512kb';
export const REQUEST_BODY_LIMIT_BYTES = 512 * 1024;
