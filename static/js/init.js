// Runs at the top of <body>: tells the GOV.UK CSS that JavaScript is available.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
