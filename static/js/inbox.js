/* Inbox and conversation pages: new messages appear without a reload.
 * Polls a small JSON endpoint every 20 seconds while the page is visible. The pages work fully
 * without this script (a reload shows the same). CSP-safe: no inline code, textContent only.
 */
"use strict";

(function () {
  var INTERVAL = 20000;

  function getJSON(url) {
    return window.fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      });
  }

  function withParam(url, name, value) {
    return url + (url.indexOf("?") === -1 ? "?" : "&") + name + "=" + encodeURIComponent(value);
  }

  function setBadge(link, count, label) {
    if (!link) { return; }
    var badge = link.querySelector("[data-nav-count]");
    if (badge) {
      badge.textContent = String(count);
      badge.hidden = !count;
    }
    if (label) { link.setAttribute("aria-label", label); }
  }

  function updateNav(data) {
    setBadge(document.querySelector("[data-nav-inbox]"), data.inbox, data.inbox_label);
    setBadge(document.querySelector("[data-nav-notifications]"), data.notifications, data.notifications_label);
  }

  function announce(element, text) {
    if (element && text) {
      element.textContent = "";
      window.setTimeout(function () { element.textContent = text; }, 50);
    }
  }

  /* Plain text as paragraphs and line breaks, like the server's `paragraphs` macro. */
  function fillParagraphs(container, text) {
    text.split(/\n\s*\n/).forEach(function (block) {
      block = block.trim();
      if (!block) { return; }
      var p = document.createElement("p");
      block.split("\n").forEach(function (line, index) {
        if (index) { p.appendChild(document.createElement("br")); }
        p.appendChild(document.createTextNode(line));
      });
      container.appendChild(p);
    });
  }

  function poll(run) {
    var busy = false;
    function tick() {
      if (busy || document.hidden) { return; }
      busy = true;
      run().catch(function () { /* offline or signed out: try again next time */ })
        .then(function () { busy = false; });
    }
    window.setInterval(tick, INTERVAL);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) { tick(); } });
  }

  function started(list) {
    list.setAttribute("data-polling", ""); // tests (and curious readers) can see the page is live
  }

  /* The inbox: update rows that changed, put them on top, add new conversations (first page only). */
  function conversationRow(item) {
    var li = document.createElement("li");
    li.className = "card conversation";
    li.id = "conversation-" + item.id;
    li.setAttribute("data-conversation", String(item.id));
    var title = document.createElement("h2");
    title.className = "card-title";
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.subject;
    var badge = document.createElement("span");
    badge.className = "badge badge-danger";
    badge.setAttribute("data-unread", "");
    title.appendChild(link);
    title.appendChild(document.createTextNode(" "));
    title.appendChild(badge);
    var meta = document.createElement("p");
    meta.className = "card-meta";
    var company = document.createElement("span");
    company.setAttribute("data-company", "");
    company.textContent = item.company;
    var time = document.createElement("time");
    time.setAttribute("data-time", "");
    meta.appendChild(company);
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(time);
    var preview = document.createElement("p");
    preview.className = "card-text";
    preview.setAttribute("data-preview", "");
    li.appendChild(title);
    li.appendChild(meta);
    li.appendChild(preview);
    return li;
  }

  function updateRow(li, item) {
    var badge = li.querySelector("[data-unread]");
    if (badge) {
      badge.textContent = item.unread_label;
      badge.hidden = !item.unread;
    }
    li.classList.toggle("is-unread", item.unread > 0);
    var time = li.querySelector("[data-time]");
    if (time) {
      time.setAttribute("datetime", item.last_message_at);
      time.textContent = item.time_label;
    }
    var preview = li.querySelector("[data-preview]");
    if (preview) { preview.textContent = (item.author ? item.author + ": " : "") + item.preview; }
  }

  function startInbox(list) {
    var status = document.querySelector("[data-inbox-status]");
    var firstPage = list.hasAttribute("data-first-page");
    poll(function () {
      var url = withParam(list.getAttribute("data-updates-url"), "since", list.getAttribute("data-cursor") || "0");
      return getJSON(url).then(function (data) {
        list.setAttribute("data-cursor", String(data.cursor));
        updateNav(data);
        var items = data.conversations.slice().reverse(); // oldest first, so the newest ends on top
        items.forEach(function (item) {
          var li = document.getElementById("conversation-" + item.id);
          if (!li && !firstPage) { return; }
          if (!li) { li = conversationRow(item); }
          updateRow(li, item);
          if (firstPage) { list.insertBefore(li, list.firstChild); }
        });
        if (items.length) {
          var empty = document.querySelector("[data-inbox-empty]");
          if (empty && firstPage) { empty.hidden = true; }
          announce(status, data.inbox_label);
        }
      });
    });
  }

  /* A conversation: append the messages that arrived since the newest one shown. */
  function messageItem(message, list) {
    var li = document.createElement("li");
    li.className = "card message" + (message.own ? " message-own" : "");
    li.id = "message-" + message.id;
    var meta = document.createElement("p");
    meta.className = "card-meta";
    var author = document.createElement("strong");
    author.textContent = message.author || list.getAttribute("data-former-member");
    var company = document.createElement("span");
    company.className = "muted";
    company.textContent = message.company;
    var time = document.createElement("time");
    time.setAttribute("datetime", message.created_at);
    time.textContent = message.time_label;
    meta.appendChild(author);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(company);
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(time);
    var body = document.createElement("div");
    body.className = "card-text";
    fillParagraphs(body, message.body);
    li.appendChild(meta);
    li.appendChild(body);
    if (message.report_url) {
      var foot = document.createElement("p");
      foot.className = "card-foot";
      var report = document.createElement("a");
      report.className = "link-button";
      report.rel = "nofollow";
      report.href = message.report_url;
      report.textContent = list.getAttribute("data-report-label");
      foot.appendChild(report);
      li.appendChild(foot);
    }
    return li;
  }

  function startThread(list) {
    if (list.hasAttribute("data-paused")) { return; } // reading older messages: nothing to append
    var status = document.querySelector("[data-thread-status]");
    poll(function () {
      var url = withParam(list.getAttribute("data-updates-url"), "after", list.getAttribute("data-after") || "0");
      return getJSON(url).then(function (data) {
        updateNav(data);
        var added = null;
        data.messages.forEach(function (message) {
          if (document.getElementById("message-" + message.id)) { return; }
          list.appendChild(messageItem(message, list));
          if (!message.own) { added = message; }
        });
        list.setAttribute("data-after", String(data.after));
        if (added && status) {
          announce(status, status.getAttribute("data-new-label"));
        }
      });
    });
  }

  function start() {
    if (!window.fetch) { return; }
    var inbox = document.querySelector("ol[data-inbox]");
    if (inbox) { startInbox(inbox); started(inbox); }
    var thread = document.querySelector("ol[data-thread]");
    if (thread && !thread.hasAttribute("data-paused")) { startThread(thread); started(thread); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
