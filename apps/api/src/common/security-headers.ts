import helmet from 'helmet';

/**
 * Helmet with a Content-Security-Policy the Angular app and Swagger UI work under: scripts only from this
 * origin (the build inlines no scripts: critical-CSS inlining, which adds an onload handler, is off), fonts
 * self-hosted. Inline styles stay allowed: Angular and Swagger UI set them at run time. HSTS in production only,
 * where the app is served over HTTPS; in development it would pin localhost to HTTPS for a year.
 */
export function securityHeaders(production: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
