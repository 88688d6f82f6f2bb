// A form with data-confirm asks its question before it is sent: buttons that change
// something at once for other people (cancel a delegate's registration, revoke an
// invitation, mail every contact, move registration to another edition) are one tap
// away from a slip. Without script the form is sent as before.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    const question = event.target.dataset && event.target.dataset.confirm;
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
