#ifndef LEAKWATCH_CLINUXSHIMS_SHIM_H
#define LEAKWATCH_CLINUXSHIMS_SHIM_H

// Linux calls Swift's Glibc module does not export: epoll, eventfd and the GNU accept4. Only HTTPServer's
// Syscall.swift imports this module. The wrappers take `void *` for event arrays so Swift never has to import the
// packed `struct epoll_event`.

#include <stddef.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);

static inline int leakwatch_epoll_create1(int flags) {
    return epoll_create1(flags);
}

static inline int leakwatch_epoll_ctl(int epoll, int operation, int fd, void *event) {
    return epoll_ctl(epoll, operation, fd, (struct epoll_event *)event);
}

static inline int leakwatch_epoll_wait(int epoll, void *events, int capacity, int timeout_milliseconds) {
    return epoll_wait(epoll, (struct epoll_event *)events, capacity, timeout_milliseconds);
}

/// The size of `struct epoll_event` (12 bytes, packed, on x86_64) and the offset of its `data` member.
static inline int leakwatch_epoll_event_size(void) {
    return (int)sizeof(struct epoll_event);
}

static inline int leakwatch_epoll_event_data_offset(void) {
    return (int)offsetof(struct epoll_event, data);
}

static inline int leakwatch_eventfd(unsigned int initial, int flags) {
    return eventfd(initial, flags);
}

static inline int leakwatch_accept4(int fd, struct sockaddr *address, socklen_t *length, int flags) {
    return accept4(fd, address, length, flags);
}

#endif
