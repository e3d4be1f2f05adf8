// Holds the webRequest permission and adds no listener: what Chromium costs
// a page while any extension with that permission is loaded
// (WebRequestAPI::MayHaveProxies, extensions/browser/api/web_request/web_request_api.cc).
